package dev.parley.chat.auth;

import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The access tokens' HMAC secret when {@code parley.auth.token-secret} is not set: made at the first start and
 * kept in the database. A page whose HTTP session a restart ended comes back in with its token, so a secret
 * that died with the process would sign every user out at each restart; and instances sharing the database
 * take each other's tokens. Whoever reads the database could sign tokens: set the property in production.
 */
@ApplicationScoped
public class StoredTokenSecret {

    static final String NAME = "access-tokens";

    private Database database;

    protected StoredTokenSecret() {
        // for CDI proxies
    }

    @Inject
    public StoredTokenSecret(Database database) {
        this.database = database;
    }

    /** The stored secret, made and stored first if there is none; another instance's, if it made one first. */
    public byte[] load() {
        try (Connection connection = database.dataSource().getConnection()) {
            String stored = read(connection);
            if (stored == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO server_secrets (name, secret) VALUES (?, ?)")) {
                    insert.setString(1, NAME);
                    insert.setString(2, Base64.getEncoder().encodeToString(fresh));
                    insert.executeUpdate();
                    return fresh;
                } catch (SQLException e) {
                    stored = read(connection); // two instances starting at once: the first one's stands
                    if (stored == null) {
                        throw e;
                    }
                }
            }
            return Base64.getDecoder().decode(stored);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read or store the access tokens' secret", e);
        }
    }

    private static String read(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT secret FROM server_secrets WHERE name = ?")) {
            query.setString(1, NAME);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
