package dev.parley.chat.message;

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
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/** One person's emoji on one message. */
@Entity
@Table(name = "reactions", uniqueConstraints = @UniqueConstraint(
        name = "reactions_unique", columnNames = {"message_id", "emoji", "account_id"}))
public class Reaction {

    @Id
    @SequenceGenerator(name = "reactions_ids", sequenceName = "reactions_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "reactions_ids")
    private Long id;

    @Column(name = "message_id", nullable = false)
    private Long messageId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(name = "emoji", nullable = false, length = 64)
    private String emoji;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Reaction() {
        // for JPA
    }

    Reaction(long messageId, Account account, String emoji, Instant createdAt) {
        this.messageId = messageId;
        this.account = account;
        this.emoji = emoji;
        this.createdAt = createdAt;
    }
}
