package dev.parley.chat.rest;

import dev.parley.chat.StorageBackend;
import dev.parley.chat.storage.DatabaseSettings;
import dev.parley.it.ServerContract;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production configuration ({@code server-config/parley-production.properties}) on a real PostgreSQL
 * server: sign-up off, no demo data, the first administrator from config, data landing in PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PostgresProductionIT extends ServerContract {

    private static final String ADMIN_PASSWORD = "first-admin-password";
    private static DatabaseSettings database;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        database = StorageBackend.freshPostgres();
        Map<String, String> config = new HashMap<>(productionProperties());
        config.put("parley.admin.password", ADMIN_PASSWORD);
        config.put("parley.auth.token-secret", "a-test-secret-that-is-long-enough-for-hs256");
        return ChatDeployments.with(database.url(), database.user(), database.password(), config);
    }

    @Test
    void signupIsSwitchedOff() {
        assertEquals(false, new ApiClient(base()).get("api/auth/config").object().getBoolean("signup"));
        ApiClient.Reply reply = new ApiClient(base()).post("api/auth/signup", Json.createObjectBuilder()
                .add("username", "eve").add("password", "long enough").build());
        assertEquals(403, reply.status());
        assertEquals("SignupDisabled", reply.object().getString("error"));
    }

    @Test
    void noDemoAccountsOnlyTheConfiguredAdministrator() {
        assertEquals(401, new ApiClient(base()).login("alice", ChatDeployments.DEMO_PASSWORD).status());
        ApiClient.Reply admin = new ApiClient(base()).login("admin", ADMIN_PASSWORD);
        assertEquals(200, admin.status(), admin.toString());
        assertTrue(admin.object().getBoolean("admin"));
    }

    @Test
    void sessionCookieIsSecureInProduction() {
        String cookie = new ApiClient(base()).login("admin", ADMIN_PASSWORD).setCookies().stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertTrue(cookie.toLowerCase().contains("secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }

    @Test
    void administratorCreatesAccountsOthersCannot() {
        ApiClient admin = bearerClient("admin", ADMIN_PASSWORD);
        ApiClient.Reply created = admin.post("api/accounts", Json.createObjectBuilder()
                .add("username", "dora").add("password", "dora's password").add("displayName", "Dora").build());
        assertEquals(201, created.status(), created.toString());
        assertFalse(created.object().getBoolean("admin"));

        ApiClient dora = bearerClient("dora", "dora's password");
        assertEquals("Dora", dora.get("api/me").object().getString("displayName"));
        ApiClient.Reply refused = dora.post("api/accounts", Json.createObjectBuilder()
                .add("username", "mallory").add("password", "long enough").build());
        assertEquals(403, refused.status());
    }

    @Test
    void messagesAreStoredInPostgresql() throws SQLException {
        ApiClient admin = bearerClient("admin", ADMIN_PASSWORD);
        long room = admin.post("api/rooms", Json.createObjectBuilder().add("name", "ops").add("visibility", "private").build())
                .object().getJsonNumber("id").longValue();
        JsonObject posted = admin.post("api/rooms/" + room + "/messages",
                Json.createObjectBuilder().add("text", "stored in postgres").add("clientMsgId", "pg-1").build()).object();

        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement q = c.prepareStatement("SELECT body, client_msg_id FROM messages WHERE id = ?")) {
            q.setLong(1, posted.getJsonNumber("id").longValue());
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "the row is in PostgreSQL");
                assertEquals("stored in postgres", rs.getString(1));
                assertEquals("pg-1", rs.getString(2));
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
                assertTrue(rs.next(), "Flyway migrated this database");
                assertEquals("4", rs.getString(1));
            }
        }
        JsonObject page = admin.get("api/rooms/" + room + "/messages?after=0").object();
        assertEquals(1, page.getJsonArray("messages").size());
    }

    private ApiClient bearerClient(String username, String password) {
        ApiClient.Reply token = new ApiClient(base()).post("api/auth/token",
                Json.createObjectBuilder().add("username", username).add("password", password).build());
        assertEquals(200, token.status(), token.toString());
        return new ApiClient(base()).withBearer(token.object().getString("token"));
    }

    private static Map<String, String> productionProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("server-config", "parley-production.properties"))) {
            properties.load(in);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
