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

/**
 * An account's place in a room: what gives access to a private room, and where the account's
 * read mark is kept in any room.
 */
@Entity
@Table(name = "memberships")
public class Membership {

    @Id
    @SequenceGenerator(name = "memberships_ids", sequenceName = "memberships_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "memberships_ids")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "room_id", nullable = false)
    private Room room;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(name = "last_read_message_id")
    private Long lastReadMessageId;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected Membership() {
        // for JPA
    }

    Membership(Room room, Account account, Instant joinedAt) {
        this.room = room;
        this.account = account;
        this.joinedAt = joinedAt;
    }

    public Long getId() {
        return id;
    }

    public Room getRoom() {
        return room;
    }

    public Account getAccount() {
        return account;
    }

    public Long getLastReadMessageId() {
        return lastReadMessageId;
    }

    /** Read marks only move forward: a late "read" from another tab must not resurrect unread messages. */
    public boolean advanceReadMark(long messageId) {
        if (lastReadMessageId != null && lastReadMessageId >= messageId) {
            return false;
        }
        lastReadMessageId = messageId;
        return true;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }
}
