package dev.parley.chat;

import dev.parley.chat.account.Account;
import dev.parley.chat.message.Message;
import dev.parley.chat.message.Reaction;
import dev.parley.chat.room.Membership;
import dev.parley.chat.room.Room;
import dev.parley.chat.storage.Database;
import dev.parley.chat.storage.DatabaseSettings;
import dev.parley.chat.storage.InstantColumn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Opens the chat database when the application starts — pool, Flyway migration, JPA — so the schema is
 * current before any request or socket can use it, and closes it when the application stops.
 *
 * <p>Config (MicroProfile Config, so also env): {@code parley.db.url} ({@code PARLEY_DB_URL}), default an
 * H2 file {@code ./data/parley} under the working directory; {@code parley.db.user},
 * {@code parley.db.password}, {@code parley.db.pool-size} (10); {@code parley.db.start-wait} (60 s: how long
 * a database server may refuse at start-up); {@code parley.jpa.provider} to pick a JPA provider class instead
 * of the container's.
 */
@ApplicationScoped
public class ChatStorage {

    /** Every entity and converter of the chat's persistence unit. */
    public static final List<Class<?>> PERSISTENT_TYPES = List.of(
            Account.class, Room.class, Membership.class, Message.class, Reaction.class, InstantColumn.class);

    @Inject
    @ConfigProperty(name = "parley.db.url", defaultValue = DatabaseSettings.DEFAULT_URL)
    String url;

    @Inject
    @ConfigProperty(name = "parley.db.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "parley.db.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "parley.db.pool-size", defaultValue = "10")
    int poolSize;

    @Inject
    @ConfigProperty(name = "parley.db.start-wait", defaultValue = "60")
    int startWaitSeconds;

    @Inject
    @ConfigProperty(name = "parley.jpa.provider")
    Optional<String> provider;

    @Produces
    @Singleton
    Database database() {
        var settings = new DatabaseSettings(url, user.orElse(""), password.orElse(""), poolSize,
                Duration.ofSeconds(startWaitSeconds));
        return Database.open(settings, provider, PERSISTENT_TYPES);
    }

    void close(@Disposes Database database) {
        database.close();
    }

    /** Asking for the database here is what opens (and migrates) it at deployment. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started, Database database) {
        // opened by the injection itself
    }
}
