package dev.parley.it.engine;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.ParleyWar;
import dev.parley.it.PythonScript;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parley driven by python-socketio (Debian's python3-socketio 5.7: its own Engine.IO client over requests and
 * websocket-client, and an asyncio one over aiohttp), from src/test/python/clients.py: a client written by
 * others, as a team with Python services would connect. The engine scenarios use the handlers of
 * {@link EngineIT}; the chat scenario logs in over HTTP and uses the session cookie, as a browser does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PythonClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // A short ping interval, so that the liveness scenario sees several pings in 3 s.
        return ChatDeployments.onFreshH2(Map.of("parley.ping-interval", "400", "parley.ping-timeout", "2000"))
                .addClasses(ScenarioHandlers.class, ScenarioHandlers.Say.class);
    }

    @ArquillianResource
    URL deployed;

    private JsonObject scenario(String name, String... more) {
        String base = ParleyWar.fromArquillian(deployed).toString().replaceAll("/$", "");
        String[] args = new String[2 + more.length];
        args[0] = base;
        args[1] = name;
        System.arraycopy(more, 0, args, 2, more.length);
        return PythonScript.observe(Duration.ofSeconds(60), "clients.py", args);
    }

    private static JsonArray array(Object... values) {
        var builder = Json.createArrayBuilder();
        for (Object value : values) {
            if (value instanceof String s) {
                builder.add(s);
            } else if (value instanceof Integer i) {
                builder.add(i);
            } else {
                builder.add((JsonValue) value);
            }
        }
        return builder.build();
    }

    private static void assertRoundTrips(JsonObject seen, String token, String transport) {
        assertTrue(seen.getBoolean("helloIdIsSid"), seen.toString());
        assertEquals(token, seen.getString("authToken"));
        JsonObject nested = Json.createObjectBuilder()
                .add("k", Json.createArrayBuilder().add(1).addNull().add(true)).build();
        assertEquals(array("text", 7, nested), seen.getJsonArray("echo"));
        // The server asked, the client's handler answered through its ack, the server reports the answer.
        assertTrue(seen.getJsonObject("asked").getBoolean("ok"), seen.toString());
        assertEquals(array(42), seen.getJsonObject("asked").getJsonArray("answer"));
        assertEquals("000102feff", seen.getString("binary"));
        assertEquals("000102feff", seen.getString("nestedBinary"));
        assertEquals(transport, seen.getString("transport"));
    }

    @Test
    void acksBothWaysAndBinaryOverWebSocket() {
        assertRoundTrips(scenario("websocket"), "py-ws", "websocket");
    }

    @Test
    void acksBothWaysAndBinaryOverLongPolling() {
        assertRoundTrips(scenario("polling"), "py-polling", "polling");
    }

    @Test
    void startsOnPollingUpgradesAndLosesNothing() {
        JsonObject seen = scenario("upgrade");
        assertRoundTrips(seen, "py-upgrade", "websocket");
        assertEquals(array("after upgrade"), seen.getJsonArray("afterUpgrade"));
    }

    @Test
    void middlewareRejectionReachesTheConnectErrorHandlerWithItsData() {
        JsonObject seen = scenario("rejected");
        JsonObject error = seen.getJsonArray("connectError").getJsonObject(0);
        assertEquals("Unauthorized", error.getString("message"));
        assertEquals("bad token", error.getJsonObject("data").getString("reason"));
        assertFalse(seen.getBoolean("connected"));
    }

    @Test
    void roomBroadcastReachesTheOtherTransportButNotTheSender() {
        JsonObject seen = scenario("rooms");
        assertEquals(array(JsonValue.TRUE, JsonValue.TRUE), seen.getJsonArray("joined"));
        assertTrue(seen.getJsonObject("said").getBoolean("ok"));
        assertEquals("hello from python", seen.getJsonObject("bobGot").getString("text"));
        assertTrue(seen.getBoolean("fromIsAlice"));
        assertEquals(0, seen.getInt("aliceGotOwn"));
        assertFalse(seen.getJsonObject("refused").getBoolean("ok"), seen.toString());
        assertTrue(seen.getBoolean("stillConnected"));
        assertEquals(array("still here"), seen.getJsonArray("afterRefusal"));
    }

    @Test
    void staysConnectedOverManyPingIntervalsOnBothTransports() {
        JsonObject seen = scenario("liveness");
        for (String transport : new String[] {"websocket", "polling"}) {
            JsonObject one = seen.getJsonObject(transport);
            assertTrue(one.getBoolean("connected"), transport + ": " + seen);
            assertEquals(0, one.getInt("drops"), transport + ": " + seen);
            assertEquals(array("alive"), one.getJsonArray("echo"));
        }
    }

    @Test
    void theAsyncioClientOverAiohttpOnEveryTransportChoice() {
        JsonObject seen = scenario("asyncio");
        Map<String, String> expected = Map.of("websocket", "websocket", "polling", "polling",
                "polling+websocket", "websocket");
        expected.forEach((choice, transport) -> {
            JsonObject one = seen.getJsonObject(choice);
            assertEquals(Json.createArrayBuilder().add("async").add(1.5).build(), one.getJsonArray("echo"), choice);
            assertEquals("cafe", one.getString("binary"), choice);
            assertEquals(transport, one.getString("transport"), choice);
        });
    }

    @Test
    void chatsWithTheHttpSessionCookieAndWithAToken() {
        JsonObject seen = scenario("chat", ChatDeployments.DEMO_PASSWORD);
        assertEquals(200, seen.getInt("login"));
        assertEquals(array(JsonValue.TRUE, JsonValue.TRUE), seen.getJsonArray("joined"));
        assertTrue(seen.getJsonObject("sent").getBoolean("ok"), seen.toString());
        assertEquals(1, seen.getJsonArray("bobGot").size(), seen.toString());
        JsonObject got = seen.getJsonArray("bobGot").getJsonObject(0);
        assertEquals("hello from python", got.getString("text"));
        assertEquals("Alice", got.getString("from"));
        assertTrue(got.getBoolean("idMatches"));
        assertFalse(seen.getJsonObject("invalid").getBoolean("ok"), seen.toString());
        assertEquals(array("hello from python"), seen.getJsonArray("history"));
        assertEquals(1, seen.getJsonArray("forged").size(), "a forged session cookie is refused: " + seen);
        assertEquals("websocket", seen.getString("aliceTransport"));
        assertTrue(seen.getBoolean("stillConnected"));
    }
}
