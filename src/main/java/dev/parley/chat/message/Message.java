package dev.parley.chat.message;

import dev.parley.chat.account.Account;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.Room;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/**
 * One chat message, as JPA reads it. Ids grow with time inside a room, which is what history paging relies
 * on. Only {@link MessageWriter} inserts messages (with plain JDBC, ids from {@code messages_id_seq}), so
 * the entity has no id generator and no public way to build one.
 */
@Entity
@Table(name = "messages", uniqueConstraints = @UniqueConstraint(
        name = "messages_author_client_msg_unique", columnNames = {"author_id", "client_msg_id"}))
public class Message {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "room_id", nullable = false)
    private Room room;

    /** The room's id as the column holds it: history filters and orders by it with no join to rooms. */
    @Column(name = "room_id", insertable = false, updatable = false)
    private Long roomId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false)
    private Account author;

    @Column(name = "body", nullable = false)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "client_msg_id", length = 100)
    private String clientMsgId;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "reacted_at")
    private Instant reactedAt;

    /** The message this one answers; written with the message, by {@link MessageWriter}. */
    @Column(name = "reply_to", insertable = false, updatable = false)
    private Long replyToId;

    protected Message() {
        // for JPA
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

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** @return whether the text changed (the same text again is no edit) */
    boolean edit(String newText, Instant at) {
        if (newText.equals(text)) {
            return false;
        }
        text = newText;
        editedAt = at;
        return true;
    }

    /** Empties the text, kept nowhere: a deleted message is gone for everyone. @return whether it was there */
    boolean delete(Instant at) {
        if (isDeleted()) {
            return false;
        }
        text = "";
        deletedAt = at;
        return true;
    }

    /** Its reactions changed: history's changed-only pages include it from now on. */
    void reacted(Instant at) {
        reactedAt = at;
    }

    /** As clients see it, without what it answers or its reactions (its changes are told without them). */
    MessageView view() {
        return new MessageView(id, roomId, new UserRef(author.getId(), author.getDisplayName()), text, createdAt,
                clientMsgId, editedAt, deletedAt);
    }

    /** As a reply shows it. */
    Quote quote() {
        return Quote.of(id, new UserRef(author.getId(), author.getDisplayName()), text, deletedAt);
    }
}
