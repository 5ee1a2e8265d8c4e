package dev.parley.chat.message;

import dev.parley.chat.ChatFixture;
import dev.parley.chat.StorageBackend;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History pages on H2 are read in the order of an index: a page's worth of rows, whatever the size of the
 * room. The H2 that runs on Payara (2.2) sorts a page the index cannot give in order, after reading every
 * message of the room: 30-50 ms a page at 15 000 messages. The SQL is the JPA provider's own, taken from
 * H2's query statistics after real history calls, then explained.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.parley.chat.StorageBackend#h2")
class HistoryPlanIT {

    @Parameter
    StorageBackend backend;

    private ChatFixture chat;

    @BeforeEach
    void open() {
        chat = new ChatFixture(backend, 100);
    }

    @AfterEach
    void close() {
        chat.close();
    }

    @Test
    void everyKindOfPageIsReadInIndexOrder() throws SQLException {
        AccountView alice = chat.someone();
        RoomView room = chat.rooms.create(alice.id(), ChatFixture.unique("busy"), false);
        RoomView other = chat.rooms.create(alice.id(), ChatFixture.unique("other"), false);
        List<Long> ids = new ArrayList<>();
        IntStream.range(0, 120).forEach(i -> ids.add(
                chat.messages.append(i % 3 == 0 ? other.id() : room.id(), alice.id(), "m" + i, null).message().id()));
        statistics(true);
        try {
            chat.messages.history(room.id(), alice.id(), PageRequest.of(null, null, 20));
            chat.messages.history(room.id(), alice.id(), PageRequest.of(ids.get(90), null, 20));
            chat.messages.history(room.id(), alice.id(), PageRequest.of(null, ids.get(30), 20));
            chat.messages.history(room.id(), alice.id(), PageRequest.of(ids.get(90), ids.get(30), 20));
            // what a page that reconnects asks over the ids it holds
            chat.messages.history(room.id(), alice.id(), PageRequest.of(ids.get(90), ids.get(30), 20, true));

            List<String> pages = historyStatements();
            assertTrue(pages.size() >= 2, "a statement newest first and one oldest first at least: " + pages);
            for (String sql : pages) {
                String plan = plan(sql);
                assertTrue(plan.contains("/* index sorted */"), "read in index order, not sorted after: " + plan);
            }
        } finally {
            statistics(false);
        }
    }

    private void statistics(boolean on) throws SQLException {
        try (Connection c = chat.database.dataSource().getConnection()) {
            c.createStatement().execute("SET QUERY_STATISTICS " + (on ? "TRUE" : "FALSE"));
        }
    }

    /** The distinct statements that read a page of messages, as the provider sent them to H2. */
    private List<String> historyStatements() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = chat.database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rs.next()) {
                String sql = rs.getString(1);
                String lower = sql.toLowerCase(Locale.ROOT);
                if (lower.startsWith("select") && lower.contains("from messages") && lower.contains("order by")) {
                    found.add(sql);
                }
            }
        }
        return found;
    }

    /** H2's plan for {@code sql}, every parameter bound to 1 (a plan is made before the values are known). */
    private String plan(String sql) throws SQLException {
        try (Connection c = chat.database.dataSource().getConnection();
             PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                explain.setLong(i, 1);
            }
            try (ResultSet rs = explain.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1).replaceAll("\\s+", " ");
            }
        }
    }
}
