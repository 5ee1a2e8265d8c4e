package dev.parley.chat.auth;

import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Browser sign-ins that ended: the page's bearer tokens ({@code sid}) stop working with them, on every
 * instance and after a restart, so a tab that was offline at the logout cannot come back in with its token.
 * A row is kept until the longest a token of that sign-in could live.
 */
@ApplicationScoped
public class RevokedSignIns {

    private Database database;

    protected RevokedSignIns() {
        // for CDI proxies
    }

    @Inject
    public RevokedSignIns(Database database) {
        this.database = database;
    }

    public void revoke(String signIn, Instant keepUntil) {
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM revoked_sign_ins WHERE keep_until < ?")) {
                forget.setObject(1, Database.now().atOffset(ZoneOffset.UTC));
                forget.executeUpdate();
            }
            try (PreparedStatement revoke = connection.prepareStatement(
                    "INSERT INTO revoked_sign_ins (sign_in, keep_until) VALUES (?, ?)")) {
                revoke.setString(1, signIn);
                revoke.setObject(2, keepUntil.atOffset(ZoneOffset.UTC));
                revoke.executeUpdate();
            } catch (SQLException e) {
                if (!isRevoked(signIn)) { // else two logouts of one session at once: revoked either way
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke a sign-in", e);
        }
    }

    public boolean isRevoked(String signIn) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM revoked_sign_ins WHERE sign_in = ?")) {
            query.setString(1, signIn);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check a sign-in", e);
        }
    }
}
