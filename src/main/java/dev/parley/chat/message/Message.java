package dev.parley.chat.message;

import dev.parley.chat.account.Account;
import dev.parley.chat.room.Room;
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
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/** One chat message. Ids grow with time inside a room, which is what history paging relies on. */
@Entity
@Table(name = "messages", uniqueConstraints = @UniqueConstraint(
        name = "messages_author_client_msg_unique", columnNames = {"author_id", "client_msg_id"}))
public class Message {

    @Id
    @SequenceGenerator(name = "messages_ids", sequenceName = "messages_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messages_ids")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "room_id", nullable = false)
    private Room room;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false)
    private Account author;

    @Column(name = "body", nullable = false)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "client_msg_id", length = 100)
    private String clientMsgId;

    protected Message() {
        // for JPA
    }

    Message(Room room, Account author, String text, Instant createdAt, String clientMsgId) {
        this.room = room;
        this.author = author;
        this.text = text;
        this.createdAt = createdAt;
        this.clientMsgId = clientMsgId;
    }

    public Long getId() {
        return id;
    }

    public Room getRoom() {
        return room;
    }

    public Account getAuthor() {
        return author;
    }

    public String getText() {
        return text;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getClientMsgId() {
        return clientMsgId;
    }

    MessageView view() {
        return new MessageView(id, room.getId(), new UserRef(author.getId(), author.getDisplayName()),
                text, createdAt, clientMsgId);
    }
}
