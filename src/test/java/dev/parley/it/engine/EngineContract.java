package dev.parley.it.engine;

import dev.parley.it.NodeScript;
import dev.parley.it.ParleyWar;
import dev.parley.it.ServerContract;
import dev.parley.transport.TransportPathServlet;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Socket.IO engine driven by the stock npm socket.io-client (and raw WebSockets for input no client
 * would send). Each test runs one scenario of src/test/node/scenarios/engine.mjs against the test-only
 * {@link ScenarioHandlers} and asserts on what the client observed. Run on each server by its subclasses.
 */
abstract class EngineContract extends ServerContract {

    /** The WAR under test: the built one plus the scenario handlers. */
    static WebArchive withScenarios() {
        return ParleyWar.create(Map.of("parley.allowed-origins", "https://trusted.example",
                        "parley.trusted-proxies", "127.0.0.1, ::1"),
                ScenarioHandlers.class, ScenarioHandlers.Say.class, TransportPathServlet.class);
    }


    private JsonObject scenario(String name) {
        return NodeScript.observe(Duration.ofSeconds(40), "scenarios/engine.mjs", base().toString(), name);
    }

    @Test
    void connectsOverWebSocketWithTheAuthPayload() {
        JsonObject seen = scenario("websocket");
        assertEquals("websocket", seen.getString("transport"));
        assertEquals(seen.getString("id"), seen.getJsonObject("hello").getString("id"));
        assertEquals("t1", seen.getJsonObject("hello").getJsonObject("auth").getString("token"));
        assertTrue(seen.getJsonObject("hello").getString("address").contains("127.0.0.1"),
                "the handshake knows the client's address on WebSocket too: " + seen);
        assertHeadersAsNodeGivesThem(seen.getJsonObject("hello"), "blue");
    }

    /** The request's headers reach the socket's handshake, their names lower-case, as on Node. */
    private static void assertHeadersAsNodeGivesThem(JsonObject hello, String team) {
        assertEquals(team, hello.getString("team"), hello.toString());
        List<String> names = hello.getJsonArray("headerNames").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertTrue(names.containsAll(List.of("host", "x-team")), names.toString());
        assertTrue(names.stream().allMatch(name -> name.equals(name.toLowerCase(Locale.ROOT))), names.toString());
    }

    @Test
    void startsOnPollingThenUpgradesToWebSocket() {
        JsonObject seen = scenario("pollingUpgrade");
        assertEquals("polling", seen.getString("first"));
        assertEquals("websocket", seen.getString("after"));
        assertEquals("after upgrade", seen.getString("echo"));
        assertTrue(seen.getJsonObject("hello").getString("address").contains("127.0.0.1"), seen.toString());
        assertHeadersAsNodeGivesThem(seen.getJsonObject("hello"), "green");
    }

    @Test
    void worksOverLongPollingAlone() {
        JsonObject seen = scenario("pollingOnly");
        assertEquals("polling", seen.getString("transport"));
        assertEquals(1, seen.getJsonObject("echo").getInt("a"));
    }

    @Test
    void middlewareRejectionReachesTheClientAsConnectError() {
        JsonObject seen = scenario("middlewareRejects");
        assertEquals("Unauthorized", seen.getString("message"));
        assertEquals("bad token", seen.getJsonObject("data").getString("reason"));
        assertFalse(seen.getBoolean("connected"));
        assertEquals("Forbidden", scenario("guardedNamespace").getString("message"));
    }

    @Test
    void unknownNamespaceIsRefusedAndPatternNamespacesAreCreatedOnDemand() {
        assertEquals("Invalid namespace", scenario("unknownNamespace").getString("message"));
        assertEquals("/dyn-42", scenario("dynamicNamespace").getString("namespace"));
    }

    @Test
    void roomMessagesReachMembersOnlyAndStopAfterLeaving() {
        JsonObject seen = scenario("rooms");
        assertEquals(0, seen.getInt("a"), "the sender is not sent its own room message");
        assertEquals(List.of("hi b"), seen.getJsonArray("b").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals(0, seen.getInt("c"), "a socket outside the room gets nothing");
        assertEquals(1, scenario("twoRoomsOnce").getInt("copies"), "a member of two target rooms gets one copy");
    }

    @Test
    void broadcastSkipsTheSenderWhileNamespaceEmitReachesAll() {
        JsonObject seen = scenario("broadcastExceptSender");
        assertEquals("[0,1,1]", seen.getJsonArray("shouted").toString());
        assertEquals("[1,1,1]", seen.getJsonArray("everyone").toString());
    }

    @Test
    void acknowledgementsWorkBothWaysWithATimeout() {
        JsonObject seen = scenario("acksBothWays");
        JsonObject answered = seen.getJsonObject("answered");
        assertTrue(answered.getBoolean("ok"));
        assertEquals("[42,\"what is 6*7?\"]", answered.getJsonArray("answer").toString());
        assertEquals("timeout", seen.getJsonObject("unanswered").getString("error"));
        assertEquals(1, seen.getInt("echo"));
    }

    @Test
    void aBurstOfSmallAndLargeFramesArrivesWholeAndInOrder() {
        List<JsonArray> items = scenario("burst").getJsonArray("items").getValuesAs(JsonArray.class);
        assertEquals(200, items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonArray item = items.get(i);
            assertEquals(i, item.getInt(0), "arrival order");
            String kind = i % 5 == 4 ? "binary" : "text";
            int length = i % 5 == 2 ? 100_000 : i % 5 == 4 ? 70_000 : i;
            assertEquals(kind + " " + length, item.getString(1) + " " + item.getInt(2), "item " + i);
        }
    }

    /**
     * The frames after the first go past JSR-356, straight to Grizzly's write queue on Payara and to
     * Undertow's frame queue on WildFly, and a burst's frames share writes (WriteLinger: a busy connection's
     * next write waits a moment for more); large frames take the container's path, in order with the rest.
     */
    @Test
    void webSocketFramesTakeTheWayThisContainerOffers() throws Exception {
        long[] before = directFrames();
        scenario("burst");
        long[] after = directFrames();
        long written = after[0] - before[0];
        long writes = after[1] - before[1];
        assertTrue(written >= 120, "the burst's 120 small frames went the direct way: " + written);
        // between two large frames (the JSR-356 path) come two small ones: at best one write for both
        assertTrue(writes <= written * 3 / 4, "the burst's frames shared writes: " + written + " frames in " + writes);
    }

    /**
     * A hundred small broadcasts to one client, emitted in a loop: the first leaves at once and the rest wait
     * for the linger's tick (WriteLinger) and share a few writes, and they arrive in order.
     */
    @Test
    void aBurstOfBroadcastsToOneClientArrivesInOrderInAFewWrites() throws Exception {
        long[] before = directFrames();
        List<JsonArray> items = scenario("smallBurst").getJsonArray("items").getValuesAs(JsonArray.class);
        long[] after = directFrames();
        assertEquals(100, items.size());
        for (int i = 0; i < items.size(); i++) {
            assertEquals(List.of(i, i), List.of(items.get(i).getInt(0), items.get(i).getInt(1)), "arrival order");
        }
        long written = after[0] - before[0];
        long writes = after[1] - before[1];
        assertTrue(written >= 99, "direct frames: " + written);
        assertTrue(writes <= 10, "100 broadcasts in " + writes + " writes");
    }

    /**
     * On Payara each WebSocket's upgrade request gives back, once open (UpgradedRequest), the buffers of
     * Grizzly's query parser, its request's and 101 response's header fields (the pre-boot commands take HTTP/2,
     * which reads them, off the listener), and Tyrus's copy of the handshake; on WildFly there are none to give.
     * The sockets work on (the scenarios' own checks); everywhere, a query longer than those buffers still
     * parses afterwards.
     */
    @Test
    void upgradeRequestsGiveBackWhatTheSocketNoLongerNeedsAndLongQueriesStillParse() throws Exception {
        long[] before = directFrames();
        scenario("websocket");
        scenario("pollingUpgrade");
        long[] after = directFrames();
        long released = after[2] - before[2];
        long headers = after[3] - before[3];
        long handshakes = after[4] - before[4];
        if (onGrizzly()) {
            assertTrue(released >= 2, "a plain WebSocket and an upgrade from polling: " + released);
            // ws sends Host, Connection, Upgrade, Sec-WebSocket-Key/-Version/-Extensions; the 101 answers three
            assertTrue(headers >= 2 * (6 + 3), "header fields dropped by two upgrades: " + headers);
            assertEquals(released, handshakes, "Tyrus's handshake copies dropped");
        } else {
            assertEquals(List.of(0L, 0L, 0L), List.of(released, headers, handshakes));
        }
        String pad = "x".repeat(3000);
        HttpResponse<String> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base().toURI().resolve("socket.io/?EIO=4&pad=" + pad + "&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, open.statusCode(), open.body());
        assertTrue(open.body().startsWith("0{\"sid\""), open.body());
    }

    /**
     * The socket.io-client browser builds at the mount's path, as Node serves them (serveClient): the bytes
     * of the client the page is built with, Node's headers, gzip on request, 304 for a matching ETag. The
     * msgpack build is not served (Parley speaks only the default parser): that path stays Engine.IO's.
     */
    @Test
    void theSocketIoClientIsServedAtTheMountAsNodeServesIt() throws Exception {
        Path dist = Path.of("src/main/frontend/node_modules/socket.io-client");
        String etag;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(dist.resolve("package.json")))) {
            etag = '"' + reader.readObject().getString("version") + '"';
        }
        byte[] expected = Files.readAllBytes(dist.resolve("dist/socket.io.min.js"));
        HttpClient http = HttpClient.newHttpClient();
        URI js = base().toURI().resolve("socket.io/socket.io.min.js?v=1");

        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(js).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, plain.statusCode());
        assertArrayEquals(expected, plain.body());
        assertEquals("application/javascript;charset=utf-8",
                plain.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertEquals(etag, plain.headers().firstValue("ETag").orElse(null));
        assertEquals("public, max-age=0", plain.headers().firstValue("Cache-Control").orElse(null));

        HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(js).header("Accept-Encoding", "gzip, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(expected, in.readAllBytes());
        }
        assertEquals(304, http.send(HttpRequest.newBuilder(js).header("If-None-Match", "W/" + etag).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        HttpResponse<String> map = http.send(HttpRequest.newBuilder(base().toURI().resolve("socket.io/socket.io.js.map"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, map.statusCode());
        assertTrue(map.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(Files.readString(dist.resolve("dist/socket.io.js.map")), map.body());

        assertEquals(400, http.send(HttpRequest.newBuilder(base().toURI().resolve("socket.io/socket.io.msgpack.min.js"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    /**
     * A polling POST is read as Engine.IO whatever its Content-Type, as by Node: one sent as a form (curl -d
     * sends that) must not be taken apart as form fields by the container before the payload is read.
     */
    @Test
    void aPollingPostSentAsAFormIsStillReadAsEngineIoPackets() throws Exception {
        URI session = pollingSession();
        HttpResponse<String> posted = post(session, "application/x-www-form-urlencoded", "40/scenarios,");
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("ok", posted.body());
        String connected = HTTP.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(connected.startsWith("40/scenarios,{\"sid\":"), connected);
    }

    /** Polling payloads of 1 KiB or more are gzipped for a client that takes it, as by Node; smaller ones not. */
    @Test
    void largePollingPayloadsAreGzippedForClientsThatAcceptIt() throws Exception {
        URI session = pollingSession();
        post(session, "text/plain;charset=UTF-8", "40/scenarios,");
        HTTP.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.discarding());
        String large = "x".repeat(3000);

        post(session, "text/plain;charset=UTF-8", "42/scenarios,1[\"echo\",\"" + large + "\"]");
        HttpResponse<byte[]> gzipped = HTTP.send(HttpRequest.newBuilder(session).header("Accept-Encoding", "gzip, deflate, br")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.body().length < 200, "3 KB of one letter compresses well: " + gzipped.body().length);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertEquals("43/scenarios,1[\"" + large + "\"]", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        post(session, "text/plain;charset=UTF-8", "42/scenarios,2[\"echo\",\"" + large + "\"]");
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(session).header("Accept-Encoding", "gzip;q=0")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty(), refused.headers().toString());
        assertEquals("43/scenarios,2[\"" + large + "\"]", refused.body());

        post(session, "text/plain;charset=UTF-8", "42/scenarios,3[\"echo\",\"small\"]");
        HttpResponse<String> small = HTTP.send(HttpRequest.newBuilder(session).header("Accept-Encoding", "gzip")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), small.headers().toString());
        assertEquals("43/scenarios,3[\"small\"]", small.body());
    }

    /**
     * A polling POST over maxPayload gets a bare 413, as from Node (not the container's error page), and ends
     * the session. Sent by hand: the declared length alone is refused, before any of the body is read.
     */
    @Test
    void aPollingPostOverMaxPayloadGetsA413AndEndsTheSession() throws Exception {
        URI session = pollingSession();
        try (java.net.Socket socket = new java.net.Socket(session.getHost(), session.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + session.getRawPath() + "?" + session.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + session.getHost() + ":" + session.getPort() + "\r\n"
                    + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 1000001\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                assertNotEquals(-1, c, "the response ended inside its headers: " + head);
                head.append((char) c);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 413"), head.toString());
            assertTrue(head.toString().toLowerCase().contains("content-length: 0\r\n"), head.toString());
        }
        HttpResponse<String> after = HTTP.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, after.statusCode(), after.body());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A polling session opened by hand, as curl or a hand-written client would: its URL. */
    private URI pollingSession() throws Exception {
        String open = HTTP.send(HttpRequest.newBuilder(base().toURI().resolve("socket.io/?EIO=4&transport=polling"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String sid = Json.createReader(new StringReader(open.substring(1))).readObject().getString("sid");
        return base().toURI().resolve("socket.io/?EIO=4&transport=polling&sid=" + sid);
    }

    private static HttpResponse<String> post(URI session, String contentType, String payload) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(session).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whether this is Tyrus on Grizzly (Payara), where the upgrade request's buffers are given back and a
     * close the server starts waits for the client's answer (GrizzlyFrameWriter).
     */
    protected abstract boolean onGrizzly();

    /** Frames written past JSR-356 since start-up, in how many writes, and upgrade requests released. */
    private long[] directFrames() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base().toURI().resolve("it/direct-frames")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String[] counts = response.body().trim().split(" ");
        long[] parsed = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            parsed[i] = Long.parseLong(counts[i]);
        }
        return parsed;
    }

    @Test
    void binaryPayloadsRoundTripOverWebSocketAndPolling() {
        JsonObject seen = scenario("binary");
        assertEquals("[1,2,3,255]", seen.getJsonArray("bytes").toString());
        assertEquals("[1,2,3,255]", seen.getJsonArray("nested").toString());
        assertEquals("[9,8]", seen.getJsonArray("ack").toString());
        assertEquals("[4,5,6]", scenario("binaryOverPolling").getJsonArray("bytes").toString());
    }

    @Test
    void badPayloadsUnknownEventsAndFailingHandlersGetAnErrorAndTheSocketStays() {
        JsonObject seen = scenario("invalidPayloadAndUnknownEvent");
        assertEquals("INVALID_PAYLOAD", seen.getJsonObject("invalid").getString("error"));
        assertEquals("UNKNOWN_EVENT", seen.getJsonObject("unknown").getString("error"));
        assertEquals("HANDLER_FAILED", seen.getJsonObject("failed").getString("error"));
        assertEquals(3, seen.getJsonArray("errors").size());
        assertEquals("alive", seen.getString("stillWorks"));
        assertTrue(seen.getBoolean("connected"));
    }

    @Test
    void malformedOversizeAndFloodingConnectionsAreClosedWithoutHurtingOthers() {
        JsonObject seen = scenario("badInputIsolated");
        assertNotEquals("timeout", seen.get("garbageClosed").toString().replace("\"", ""));
        assertEquals(1009, seen.getInt("oversizeClosed"), "closed as too big");
        assertEquals(1009, seen.getInt("oversizeUtf8Closed"), "too big in bytes, though not in characters");
        assertEquals("still here", seen.getString("echo"));
        assertTrue(seen.getBoolean("connected"));
        assertTrue(seen.getInt("floodRateLimited") > 0, "dropped events that asked for an ack are answered");
        assertTrue(seen.getBoolean("floodDisconnected"), "far over the budget: disconnected");
        int echoed = seen.getInt("floodEchoed");
        // the budget (less the CONNECT's packet) and what refilled until the cut-off came back
        int refill = packetsRefilledWithin(seen.getInt("floodMillis"));
        assertTrue(echoed >= 95 && echoed <= 100 + refill, "about the budget of 100 packets handled: " + seen);
        assertNotEquals("timeout", seen.get("floodClosed").toString().replace("\"", ""), "and closed");
    }

    @Test
    void aWebSocketForAnUnknownSessionIsRefusedAndOneForAnUpgradedSessionClosed() {
        JsonObject seen = scenario("refusedUpgrades");
        assertEquals(400, seen.getInt("unknownSid"), "as the reference server: 400, no protocol switch");
        assertEquals(400, seen.getInt("malformedQuery"), "a query that is no URI (%zz): 400, not 101 and silence");
        assertEquals("closed by the server", seen.getString("secondAfterUpgrade"),
                "as the reference server: it opens, then the server closes it");
        assertTrue(seen.getBoolean("stillConnected"), "the upgraded socket carries on");
    }

    @Test
    void pollingCarriesPacketsUntilTheUpgradePacketAsOnNode() {
        JsonObject seen = scenario("pollingDuringUpgrade");
        assertTrue(seen.getString("connectReply").startsWith("40/scenarios,"), seen.toString());
        List<String> polled = seen.getJsonArray("polled").getValuesAs(JsonString::getString);
        assertEquals("43/scenarios,1[\"over polling\"]", polled.get(polled.size() - 1),
                "the answer to an event posted after 3probe comes on the next polls: " + polled);
        polled.subList(0, polled.size() - 1).forEach(noop -> assertEquals("6", noop, "before it only no-ops"));
        List<String> frames = seen.getJsonArray("websocket").getValuesAs(JsonString::getString);
        assertEquals(List.of("3probe", "43/scenarios,2[\"over the WebSocket\"]"), frames,
                "the WebSocket carries only what came after the upgrade");
    }

    @Test
    void aCloseTheServerStartsEndsAnsweringAndSilentClientsAlike() {
        JsonObject seen = scenario("serverClose");
        assertEquals(1000, seen.getInt("answeringClosed"), "a client that answers the close frame: closed");
        assertTrue(seen.getInt("answeringMs") < 3000, "promptly: " + seen.getInt("answeringMs") + " ms");
        assertEquals(1, seen.getInt("closeFramesToAnAnsweringClient"), "one close frame, as RFC 6455 says");
        assertEquals(1000, seen.getInt("silentCloseCode"), "a client that never answers gets the close frame");
        assertNotEquals("timeout", seen.get("silentEndedMs").toString().replace("\"", ""), "and is closed anyway");
        if (onGrizzly()) {
            // Payara: the server waits for the answer, so the container closes on the connection's own thread
            // (WebSocketTransport.close); a client that gives none is closed after the wait
            assertTrue(seen.getInt("silentEndedMs") >= 1500, "waited for an answer: " + seen.getInt("silentEndedMs"));
        }
    }

    @Test
    void aForceBase64ClientGetsAndSendsBinaryAsBase64TextOverWebSocket() {
        JsonObject seen = scenario("forceBase64");
        assertEquals("[1,2,3,255]", seen.getJsonArray("bytes").toString());
        assertEquals("[1,2,3,255]", seen.getJsonArray("nested").toString());
        assertEquals("[9,8]", seen.getJsonArray("ack").toString());
        assertEquals("[\"4\",\"b\"]", seen.getJsonArray("frameKinds").toString(), "no binary frame: " + seen);
    }

    @Test
    void aClientOfferingSubprotocolsGetsItsFirstAsNodesWsChooses() {
        JsonObject seen = scenario("subprotocol");
        assertEquals("chat.v2", seen.getString("protocol"));
        assertEquals("over a subprotocol", seen.getString("echo"));
    }

    @Test
    void theMountWithoutItsTrailingSlashServesPollingAndWebSocket() {
        JsonObject seen = scenario("noTrailingSlash");
        assertEquals("websocket", seen.getString("transport"), "upgraded: " + seen);
        assertEquals("no slash", seen.getString("echo"));
        assertEquals("websocket", seen.getString("wsOnly"));
    }

    @Test
    void foreignOriginsAreRefusedOnBothTransportsAndTheSameOriginIsAllowed() {
        JsonObject seen = scenario("foreignOrigin");
        assertEquals(403, seen.getInt("pollingForeign"));
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", seen.getString("pollingForeignBody"));
        assertEquals(200, seen.getInt("pollingSame"));
        assertEquals(seen.getString("sameAllowOrigin"), base().getProtocol() + "://" + base().getAuthority());
        assertEquals("true", seen.getString("sameAllowCredentials"));
        assertEquals("no-store", seen.getString("sameCacheControl"), "no proxy answers a poll from its cache");
        assertEquals(200, seen.getInt("listed"));
        assertEquals("https://trusted.example", seen.getString("listedAllowOrigin"));
        assertEquals("true", seen.getString("listedAllowCredentials"));
        assertEquals(403, seen.getInt("wsStatus"), "refused before the protocol switch, as by Node: " + seen);
    }

    /**
     * Behind a reverse proxy (here the tests' own address, trusted by the deployment): the client's address is
     * the nearest X-Forwarded-For hop that is no proxy, not one a client wrote further left, and the page the
     * proxy serves is this server's own origin by its X-Forwarded-Host, on both transports.
     */
    @Test
    void behindATrustedProxyTheClientsAddressAndThePagesOriginComeFromItsForwardedHeaders() {
        JsonObject seen = scenario("behindProxy");
        assertEquals("203.0.113.7", seen.getString("wsAddress"), seen.toString());
        assertEquals("203.0.113.7", seen.getString("pollingAddress"), seen.toString());
        assertEquals(200, seen.getInt("viaProxy"), seen.toString());
        assertEquals("https://chat.example", seen.getString("viaProxyAllowOrigin"));
        assertEquals(403, seen.getInt("noForwardedHost"), "without the proxy's word it is a foreign origin");
    }

    /** 12 KB of request headers (a company's single sign-on cookies) pass, as on Node, whose limit is 16 KB. */
    @Test
    void largeCookiesPassOnBothTransports() {
        JsonObject seen = scenario("largeCookie");
        assertEquals(200, seen.getInt("polling"), seen.toString());
        assertEquals("hello", seen.getString("websocket"), seen.toString());
    }

    @Test
    void clientReconnectsByItselfAfterTheServerDropsTheConnection() {
        JsonObject seen = scenario("reconnectAfterServerDrop");
        assertTrue(seen.getBoolean("newId"));
        assertEquals("back", seen.getString("echo"));
        assertEquals(1, seen.getJsonArray("reasons").size());
    }

    @Test
    void serverSideNamespaceDisconnectIsSeenAsSuch() {
        assertEquals("io server disconnect", scenario("serverNamespaceDisconnect").getString("reason"));
    }
}
