package dev.parley.chat.storage;

import dev.parley.chat.ChatStorage;
import dev.parley.chat.StorageBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
