package dev.parley.chat.room;

import dev.parley.chat.account.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * A place to talk: public rooms are open to everyone, private ones to their members only. A direct
 * conversation is a private room of two people, without a name.
 */
@Entity
@Table(name = "rooms")
public class Room {

    @Id
    @SequenceGenerator(name = "rooms_ids", sequenceName = "rooms_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rooms_ids")
    private Long id;

    /** Null for a direct conversation. */
    @Column(name = "name", length = 64, unique = true)
    private String name;

    @Column(name = "is_private", nullable = false)
    private boolean privateRoom;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "created_by")
    private Account createdBy;

    /** The creator's id as the column holds it: a list of rooms reads no account to say who made each. */
    @Column(name = "created_by", insertable = false, updatable = false)
    private Long createdById;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** A direct conversation's two people, the smaller id first; null for every other room. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "direct_low")
    private Account directLow;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "direct_high")
    private Account directHigh;

    protected Room() {
        // for JPA
    }

    Room(String name, boolean privateRoom, Account createdBy, Instant createdAt) {
        this.name = name;
        this.privateRoom = privateRoom;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** A direct conversation between two accounts, given smaller id first. */
    static Room direct(Account low, Account high, Account startedBy, Instant createdAt) {
        Room room = new Room(null, true, startedBy, createdAt);
        room.directLow = low;
        room.directHigh = high;
        return room;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isPrivate() {
        return privateRoom;
    }

    public Account getCreatedBy() {
        return createdBy;
    }

    /** Null for rooms the server made itself (demo data). Read from the relation until the row is read back. */
    public Long getCreatedById() {
        return createdById != null ? createdById : createdBy == null ? null : createdBy.getId();
    }

    public boolean isDirect() {
        return directLow != null;
    }

    /** A direct conversation's two people, smaller id first; empty for other rooms. */
    public List<Account> getPeople() {
        return isDirect() ? List.of(directLow, directHigh) : List.of();
    }

    void rename(String newName) {
        name = newName;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
