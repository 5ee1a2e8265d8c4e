package dev.parley.chat;

import dev.parley.chat.storage.Database;
import dev.parley.chat.storage.DatabaseSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A database and a JPA provider to run the chat's storage on outside the container: H2 files and a
 * real PostgreSQL server, each with EclipseLink (what Payara runs) and Hibernate (what WildFly runs).
 *
 * <p>PostgreSQL is the private server {@code src/test/support/postgres.sh} starts (Maven does so before
 * the integration tests); {@code parley.test.pg.url} says where it is. Each backend gets a fresh database.
 */
public record StorageBackend(String database, String provider) {

    public static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";
    public static final String HIBERNATE = "org.hibernate.jpa.HibernatePersistenceProvider";

    public static final String PG_URL = System.getProperty("parley.test.pg.url", "jdbc:postgresql://127.0.0.1:25432/");
    public static final String PG_USER = System.getProperty("parley.test.pg.user", "parley");
    public static final String PG_PASSWORD = System.getProperty("parley.test.pg.password", "parley");

    /** Held so the settings stick: the libraries' start-up chatter would bury the test output. */
    private static final List<Logger> QUIETED = Stream.of("com.zaxxer.hikari", "org.flywaydb", "org.hibernate",
                    "org.eclipse.persistence", "dev.parley.chat.storage")
            .map(Logger::getLogger).peek(logger -> logger.setLevel(Level.WARNING)).toList();

    public static Stream<StorageBackend> all() {
        return Stream.of(
                new StorageBackend("h2", ECLIPSELINK),
                new StorageBackend("h2", HIBERNATE),
                new StorageBackend("postgresql", ECLIPSELINK),
                new StorageBackend("postgresql", HIBERNATE));
    }

    /** The H2 backends alone, for what only H2 needs checking (its query plans). */
    public static Stream<StorageBackend> h2() {
        return all().filter(backend -> "h2".equals(backend.database()));
    }

    public Database open() {
        return Database.open(freshSettings(), Optional.of(provider), ChatStorage.PERSISTENT_TYPES);
    }

    public DatabaseSettings freshSettings() {
        return "h2".equals(database) ? freshH2() : freshPostgres();
    }

    public static DatabaseSettings freshH2() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "h2-tests"));
            return new DatabaseSettings("jdbc:h2:file:" + dir.toAbsolutePath() + "/" + UUID.randomUUID(), "", "", 4);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty database on the test PostgreSQL server. */
    public static DatabaseSettings freshPostgres() {
        String name = "parley_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(PG_URL + "postgres", PG_USER, PG_PASSWORD)) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("The test PostgreSQL server at " + PG_URL + " is not reachable ("
                    + e.getMessage() + "). Start it with: src/test/support/postgres.sh start", e);
        }
        return new DatabaseSettings(PG_URL + name, PG_USER, PG_PASSWORD, 4);
    }

    @Override
    public String toString() {
        return database + " + " + (provider.contains("hibernate") ? "Hibernate" : "EclipseLink");
    }
}
