package dev.parley.chat.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authors' display names for the message writer, read once and remembered until a rename
 * ({@link #forget}): a message carries its author's name, and reading it for every message was a round trip
 * each. Filled by the writer thread only; accounts are never deleted.
 */
final class AuthorNames {

    private static final int KEPT = 10_000;
    private static final String NAME = "SELECT display_name FROM accounts WHERE id = ?";

    private final Map<Long, String> names = new ConcurrentHashMap<>();
    /** How many names were forgotten: a name read while one was is not kept, as it may be the old one. */
    private final AtomicLong forgotten = new AtomicLong();

    String of(Connection connection, long accountId) throws SQLException {
        String known = names.get(accountId);
        if (known != null) {
            return known;
        }
        long before = forgotten.get();
        try (PreparedStatement query = connection.prepareStatement(NAME)) {
            query.setLong(1, accountId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("No account " + accountId); // the insert's foreign key saw one
                }
                String name = row.getString(1);
                if (names.size() >= KEPT) {
                    names.clear();
                }
                names.put(accountId, name);
                if (forgotten.get() != before) {
                    names.remove(accountId); // a rename raced the read: put after its remove, the old name could stay
                }
                return name;
            }
        }
    }

    /** The account was renamed: its next message reads the name again. */
    void forget(long accountId) {
        forgotten.incrementAndGet();
        names.remove(accountId);
    }
}
