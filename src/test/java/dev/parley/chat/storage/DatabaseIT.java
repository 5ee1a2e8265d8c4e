package dev.parley.chat.storage;

import dev.parley.chat.ChatStorage;
import dev.parley.chat.StorageBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseIT {

    // Flyway creates its table with a quoted lower-case name; quoting finds it on H2 and PostgreSQL alike.
    private static final String HISTORY_ROWS = "SELECT COUNT(*) FROM \"flyway_schema_history\"";
    private static final String VERSION_1_APPLIED = HISTORY_ROWS + " WHERE \"version\" = '1' AND \"success\"";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parley.chat.StorageBackend#all")
    void reopeningMigratesNothingAndKeepsTheData(StorageBackend backend) throws SQLException {
        DatabaseSettings settings = backend.freshSettings();
        long historyRows;
        try (Database first = Database.open(settings, Optional.of(backend.provider()), ChatStorage.PERSISTENT_TYPES)) {
            assertEquals(1, count(first, VERSION_1_APPLIED));
            historyRows = count(first, HISTORY_ROWS);
            first.inTransaction(em -> em.createNativeQuery(
                    "INSERT INTO rooms (id, name, is_private, created_at) VALUES (1000, 'kept', FALSE, CURRENT_TIMESTAMP)")
                    .executeUpdate());
        }
        try (Database second = Database.open(settings, Optional.of(backend.provider()), ChatStorage.PERSISTENT_TYPES)) {
            assertEquals(historyRows, count(second, HISTORY_ROWS), "nothing migrated a second time");
            assertEquals(1, count(second, "SELECT COUNT(*) FROM rooms WHERE name = 'kept'"));
        }
    }

    /**
     * The readiness check's question: answered within its time while PostgreSQL refuses the database (the
     * pool alone would wait 30 s for a connection, and each probe would hold a thread that long), and yes
     * again once it takes connections, with the same pool.
     */
    @Test
    void theCheckAnswersInTimeWhileTheDatabaseRefusesAndPassesOnceItIsBack() throws Exception {
        DatabaseSettings settings = StorageBackend.freshPostgres();
        String name = settings.url().substring(settings.url().lastIndexOf('/') + 1);
        try (Database db = Database.open(settings, Optional.of(StorageBackend.ECLIPSELINK), ChatStorage.PERSISTENT_TYPES);
             Connection admin = DriverManager.getConnection(StorageBackend.PG_URL + "postgres", settings.user(), settings.password())) {
            db.check(Duration.ofSeconds(10));
            try {
                admin.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                admin.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                long start = System.nanoTime();
                for (int probe = 0; probe < 3; probe++) {
                    Exception refused = assertThrows(Exception.class, () -> db.check(Duration.ofSeconds(1)));
                    assertTrue(refused instanceof TimeoutException || refused instanceof SQLException, refused.toString());
                }
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "three probes, not three waits of the pool's 30 s");
            } finally {
                admin.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    db.check(Duration.ofSeconds(2));
                    break;
                } catch (TimeoutException | SQLException notYet) {
                    assertTrue(System.nanoTime() < deadline, "the database answers again: " + notYet);
                }
            }
        }
    }

    /**
     * A database server started beside Parley may refuse for a while: the open waits for it, as long as
     * {@code parley.db.start-wait} allows, and then fails with the refusal.
     */
    @Test
    void aDatabaseServerThatRefusesAtStartUpIsWaitedForUntilTheWaitIsOver() throws Exception {
        DatabaseSettings fresh = StorageBackend.freshPostgres();
        String name = fresh.url().substring(fresh.url().lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(StorageBackend.PG_URL + "postgres", fresh.user(), fresh.password())) {
            admin.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");

            long start = System.nanoTime();
            assertThrows(RuntimeException.class, () -> open(withStartWait(fresh, Duration.ZERO)).close());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no wait asked for, none made");

            start = System.nanoTime();
            assertThrows(RuntimeException.class, () -> open(withStartWait(fresh, Duration.ofSeconds(2))).close());
            long waited = System.nanoTime() - start;
            assertTrue(waited >= TimeUnit.SECONDS.toNanos(2) && waited < TimeUnit.SECONDS.toNanos(20),
                    "gave up after the 2 s wait, not before nor much later: " + waited / 1_000_000 + " ms");

            CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> open(withStartWait(fresh, Duration.ofSeconds(60))));
            Thread.sleep(2_000);
            assertFalse(opening.isDone(), "still waiting while the database refuses");
            admin.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            try (Database db = opening.get(60, TimeUnit.SECONDS)) {
                assertEquals(1, count(db, VERSION_1_APPLIED), "migrated once it answered");
            }
        }
    }

    private static DatabaseSettings withStartWait(DatabaseSettings settings, Duration startWait) {
        return new DatabaseSettings(settings.url(), settings.user(), settings.password(), settings.poolSize(), startWait);
    }

    private static Database open(DatabaseSettings settings) {
        return Database.open(settings, Optional.of(StorageBackend.ECLIPSELINK), ChatStorage.PERSISTENT_TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parley.chat.StorageBackend#all")
    void aFailedUnitOfWorkLeavesNothingBehind(StorageBackend backend) throws SQLException {
        try (Database db = backend.open()) {
            assertThrows(IllegalStateException.class, () -> db.inTransaction(em -> {
                em.createNativeQuery("INSERT INTO rooms (id, name, is_private, created_at)"
                        + " VALUES (2000, 'half-done', FALSE, CURRENT_TIMESTAMP)").executeUpdate();
                throw new IllegalStateException("failure after the insert");
            }));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM rooms WHERE name = 'half-done'"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parley.chat.StorageBackend#all")
    void theSchemaHasTheUniqueKeysTheChatReliesOn(StorageBackend backend) throws SQLException {
        try (Database db = backend.open(); Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("INSERT INTO accounts (id, username, display_name, password_hash, created_at)"
                    + " VALUES (1, 'u', 'U', 'h', CURRENT_TIMESTAMP)");
            c.createStatement().execute("INSERT INTO rooms (id, name, created_at) VALUES (1, 'r', CURRENT_TIMESTAMP)");
            String message = "INSERT INTO messages (id, room_id, author_id, body, created_at, client_msg_id)"
                    + " VALUES (%d, 1, 1, 'x', CURRENT_TIMESTAMP, %s)";
            c.createStatement().execute(message.formatted(1, "'same'"));
            assertThrows(SQLException.class, () -> c.createStatement().execute(message.formatted(2, "'same'")));
            c.createStatement().execute(message.formatted(3, "NULL"));
            c.createStatement().execute(message.formatted(4, "NULL"));
            assertTrue(count(db, "SELECT COUNT(*) FROM messages") >= 3);
        }
    }

    private static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
