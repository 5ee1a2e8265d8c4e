package dev.parley.chat.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who can sign in. The password is only ever held as a PBKDF2 hash. */
@Entity
@Table(name = "accounts")
public class Account {

    @Id
    @SequenceGenerator(name = "accounts_ids", sequenceName = "accounts_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "accounts_ids")
    private Long id;

    @Column(name = "username", nullable = false, length = 32, unique = true)
    private String username;

    @Column(name = "display_name", nullable = false, length = 64)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "is_admin", nullable = false)
    private boolean admin;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    /** Raised by each password change; tokens issued under an earlier one no longer count. */
    @Column(name = "credentials_version", nullable = false)
    private int credentialsVersion;

    protected Account() {
        // for JPA
    }

    Account(String username, String displayName, String passwordHash, boolean admin, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    /** A new password ends every sign-in made with the old one: their tokens name the old version. */
    void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
        this.credentialsVersion++;
    }

    int getCredentialsVersion() {
        return credentialsVersion;
    }

    public boolean isAdmin() {
        return admin;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    void setLastSeenAt(Instant lastSeenAt) {
        this.lastSeenAt = lastSeenAt;
    }

    public AccountView view() {
        return new AccountView(id, username, displayName, admin);
    }
}
