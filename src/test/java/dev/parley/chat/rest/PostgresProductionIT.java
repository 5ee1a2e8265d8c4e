package dev.parley.chat.rest;

import dev.parley.chat.StorageBackend;
import dev.parley.chat.storage.DatabaseSettings;
import dev.parley.it.ServerContract;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        config.put("parley.chat.rooms-per-hour", "3");
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

    /** A looping script must not fill every page's room list; administrators have no such limit. */
    @Test
    void newRoomsPastTheHourlyAllowanceAreHeldBackButNotAnAdministrators() {
        ApiClient admin = bearerClient("admin", ADMIN_PASSWORD);
        assertEquals(201, admin.post("api/accounts", Json.createObjectBuilder()
                .add("username", "erin").add("password", "erin's password").build()).status());
        ApiClient erin = bearerClient("erin", "erin's password");
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, erin.post("api/rooms", room("erin's " + i)).status(), "room " + i);
        }
        ApiClient.Reply fourth = erin.post("api/rooms", room("erin's 4"));
        assertEquals(429, fourth.status(), fourth.toString());
        assertEquals("RateLimited", fourth.object().getString("error"));
        assertTrue(fourth.raw().headers().firstValue("Retry-After").isPresent());
        assertFalse(admin.get("api/rooms").raw().body().contains("erin's 4"), "nothing was made");
        for (int i = 1; i <= 4; i++) {
            assertEquals(201, admin.post("api/rooms", room("admin's " + i)).status(), "admin's room " + i);
        }
    }

    private static JsonObject room(String name) {
        return Json.createObjectBuilder().add("name", name).add("visibility", "public").build();
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
                assertEquals(newestMigration(), rs.getString(1), "to the newest migration");
            }
        }
        JsonObject page = admin.get("api/rooms/" + room + "/messages?after=0").object();
        assertEquals(1, page.getJsonArray("messages").size());
    }

    /**
     * MicroProfile Health and Metrics as an operator reads them: ready while PostgreSQL answers, not while it
     * refuses this database, ready again once it takes connections; the message writer alive; and what is
     * connected and stored, counted in {@code /metrics}.
     */
    @Test
    void healthAndMetricsShowTheDatabaseAndWhatIsConnected() throws Exception {
        ApiClient probe = new ApiClient(base());
        assertEquals("UP", check(probe.get("/health/ready"), 200, "database").getString("status"));
        JsonObject writer = check(probe.get("/health/live"), 200, "message-writer");
        assertEquals("UP", writer.getString("status"));
        JsonValue waiting = writer.getJsonObject("data").get("waiting"); // Payara writes numbers as strings
        assertEquals("0", waiting instanceof JsonString text ? text.getString() : String.valueOf(waiting), writer.toString());

        String token = token("admin", ADMIN_PASSWORD);
        ApiClient admin = new ApiClient(base()).withBearer(token);
        String poll = pollingSession(probe);
        assertEquals(200, probe.postRaw(poll, "text/plain", "40{\"token\":\"" + token + "\"}").status());
        assertTrue(probe.get(poll).raw().body().startsWith("40{"), "the socket is connected");
        long room = admin.post("api/rooms", Json.createObjectBuilder().add("name", "metrics").add("visibility", "public").build())
                .object().getJsonNumber("id").longValue();
        assertEquals(201, admin.post("api/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", "counted").build()).status());
        String metrics = probe.get("/metrics?scope=application").raw().body();
        assertTrue(metric(metrics, "parley_connections") >= 1, metrics);
        assertTrue(metric(metrics, "parley_sockets") >= 1, metrics);
        assertTrue(metric(metrics, "parley_users_online") >= 1, metrics);
        assertTrue(metric(metrics, "parley_messages_stored_total") >= 1, metrics);
        assertEquals(0, metric(metrics, "parley_messages_waiting"), metrics);
        // a malformed packet closes its connection, and the close is counted by its reason
        probe.postRaw(pollingSession(probe), "text/plain", "42[not json");
        metrics = probe.get("/metrics?scope=application").raw().body();
        assertTrue(metric(metrics, "parley_connections_closed_total\\{[^}]*reason=\"parse error\"[^}]*\\}") >= 1, metrics);

        String name = database.url().substring(database.url().lastIndexOf('/') + 1);
        try (Connection postgres = DriverManager.getConnection(StorageBackend.PG_URL + "postgres", database.user(), database.password())) {
            try {
                postgres.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                postgres.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                ApiClient.Reply down = awaitStatus(probe, "/health/ready", 503);
                JsonObject database = check(down, 503, "database");
                assertEquals("DOWN", database.getString("status"));
                assertTrue(database.getJsonObject("data").containsKey("error"), down.toString());
            } finally {
                postgres.createStatement().execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
        }
        assertEquals("UP", check(awaitStatus(probe, "/health/ready", 200), 200, "database").getString("status"));
    }

    /** A polling session opened by hand, as curl would: its path, relative to the WAR. */
    private static String pollingSession(ApiClient client) {
        String open = client.get("socket.io/?EIO=4&transport=polling").raw().body();
        return "socket.io/?EIO=4&transport=polling&sid="
                + Json.createReader(new java.io.StringReader(open.substring(1))).readObject().getString("sid");
    }

    /** The named check of a health answer with the expected HTTP status. */
    private static JsonObject check(ApiClient.Reply reply, int status, String name) {
        assertEquals(status, reply.status(), reply.toString());
        return reply.object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + reply));
    }

    private static ApiClient.Reply awaitStatus(ApiClient probe, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        ApiClient.Reply reply = probe.get(path);
        while (reply.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(500);
            reply = probe.get(path);
        }
        return reply;
    }

    /** A sample's value in Prometheus text: the line that starts with the name and its labels. */
    private static double metric(String text, String name) {
        Matcher sample = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        if (!sample.find()) {
            throw new AssertionError("no " + name + " in " + text);
        }
        return Double.parseDouble(sample.group(2));
    }

    private ApiClient bearerClient(String username, String password) {
        return new ApiClient(base()).withBearer(token(username, password));
    }

    private String token(String username, String password) {
        ApiClient.Reply token = new ApiClient(base()).post("api/auth/token",
                Json.createObjectBuilder().add("username", username).add("password", password).build());
        assertEquals(200, token.status(), token.toString());
        return token.object().getString("token");
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

    /** The version of the newest migration in the sources (V5__x.sql: "5"). */
    private static String newestMigration() {
        try (var files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max(Integer::compare).map(String::valueOf).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
