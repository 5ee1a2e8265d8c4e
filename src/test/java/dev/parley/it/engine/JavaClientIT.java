package dev.parley.it.engine;

import dev.parley.it.ParleyWar;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine driven by the Java Socket.IO client ({@code io.socket:socket.io-client}, what Android and JVM
 * teams use) instead of the npm one: its own Engine.IO implementation (OkHttp polling and WebSocket), its
 * own parser and binary handling. Same test-only handlers as {@link EngineIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaClientIT {

    private static final long WAIT_SECONDS = 10;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ParleyWar.create(ScenarioHandlers.class, ScenarioHandlers.Say.class);
    }

    @ArquillianResource
    URL deployed;

    private URI namespace;
    private String path;
    private final List<Socket> opened = new ArrayList<>();

    @BeforeEach
    void onLoopback() {
        URL base = ParleyWar.fromArquillian(deployed);
        namespace = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/scenarios");
        path = base.getPath().replaceAll("/$", "") + "/socket.io/";
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Socket::close);
    }

    private Socket client(String[] transports, Map<String, String> auth) {
        IO.Options options = IO.Options.builder().setPath(path).setForceNew(true).setReconnection(false)
                .setTransports(transports).setAuth(auth).build();
        Socket socket = IO.socket(namespace, options);
        opened.add(socket);
        return socket;
    }

    private static CompletableFuture<Object[]> next(Socket socket, String event) {
        CompletableFuture<Object[]> seen = new CompletableFuture<>();
        socket.once(event, seen::complete);
        return seen;
    }

    private static Object[] ack(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, args, (Ack) answer::complete);
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void connectsOverWebSocketWithTheAuthPayloadAndAcksBothWays() throws Exception {
        Socket socket = client(new String[] {WebSocket.NAME}, Map.of("token", "java-1"));
        CompletableFuture<Object[]> hello = next(socket, "hello");
        socket.on("question", args -> ((Ack) args[args.length - 1]).call(42));
        socket.connect();

        JSONObject greeting = (JSONObject) await(hello)[0];
        assertEquals(socket.id(), greeting.getString("id"));
        assertEquals("java-1", greeting.getJSONObject("auth").getString("token"));

        Object[] echo = ack(socket, "echo", "text", 7, new JSONObject(Map.of("k", "v")));
        assertEquals("text", echo[0]);
        assertEquals(7, echo[1]);
        assertEquals("v", ((JSONObject) echo[2]).getString("k"));

        // The server asks, the client's ack answers, the server reports what it got.
        JSONObject asked = (JSONObject) ack(socket, "ask-client", 3000)[0];
        assertTrue(asked.getBoolean("ok"));
        assertEquals(42, asked.getJSONArray("answer").getInt(0));
    }

    @Test
    void startsOnPollingAndUpgrades() throws Exception {
        Socket socket = client(new String[] {Polling.NAME, WebSocket.NAME}, Map.of("token", "java-2"));
        List<String> transports = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> upgraded = new CompletableFuture<>();
        socket.io().on(Manager.EVENT_TRANSPORT, args -> {
            String name = ((Transport) args[0]).name;
            transports.add(name);
            if (WebSocket.NAME.equals(name)) {
                upgraded.complete(null);
            }
        });
        CompletableFuture<Object[]> hello = next(socket, "hello");
        socket.connect();
        await(hello);
        await(upgraded);
        assertEquals(Polling.NAME, transports.get(0));
        // The upgrade must not lose what follows it.
        assertEquals("after upgrade", ack(socket, "echo", "after upgrade")[0]);
    }

    @Test
    void binaryRoundTripsOverWebSocketAndOverPolling() throws Exception {
        for (String transport : List.of(WebSocket.NAME, Polling.NAME)) {
            Socket socket = client(new String[] {transport}, Map.of("token", "java-3"));
            CompletableFuture<Object[]> hello = next(socket, "hello");
            CompletableFuture<Object[]> back = next(socket, "binary-back");
            socket.connect();
            await(hello);
            byte[] bytes = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};
            socket.emit("binary", (Object) bytes);
            Object[] args = await(back);
            assertArrayEquals(bytes, (byte[]) args[0], transport);
            assertArrayEquals(bytes, (byte[]) ((JSONObject) args[1]).get("nested"), transport);
        }
    }

    @Test
    void middlewareRejectionIsAConnectErrorWithItsData() throws Exception {
        Socket socket = client(new String[] {WebSocket.NAME}, Map.of("token", "bad"));
        CompletableFuture<Object[]> error = next(socket, Socket.EVENT_CONNECT_ERROR);
        socket.connect();
        JSONObject reason = (JSONObject) await(error)[0];
        assertEquals("Unauthorized", reason.getString("message"));
        assertEquals("bad token", reason.getJSONObject("data").getString("reason"));
        assertFalse(socket.connected());
    }

    @Test
    void roomBroadcastReachesTheOthersButNotTheSender() throws Exception {
        Socket alice = client(new String[] {WebSocket.NAME}, Map.of("token", "alice"));
        Socket bob = client(new String[] {Polling.NAME}, Map.of("token", "bob"));
        CompletableFuture<Object[]> aliceHello = next(alice, "hello");
        CompletableFuture<Object[]> bobHello = next(bob, "hello");
        List<Object[]> aliceGot = new CopyOnWriteArrayList<>();
        alice.on("said", aliceGot::add);
        CompletableFuture<Object[]> bobGot = next(bob, "said");
        alice.connect();
        bob.connect();
        await(aliceHello);
        await(bobHello);
        assertTrue(((JSONObject) ack(alice, "join", "java-room")[0]).getBoolean("ok"));
        assertTrue(((JSONObject) ack(bob, "join", "java-room")[0]).getBoolean("ok"));

        JSONObject say = new JSONObject(Map.of("room", "java-room", "text", "hello from java"));
        assertTrue(((JSONObject) ack(alice, "say", say)[0]).getBoolean("ok"));
        JSONObject said = (JSONObject) await(bobGot)[0];
        assertEquals("hello from java", said.getString("text"));
        assertEquals(alice.id(), said.getString("from"));
        // The echo's ack comes after anything the server sent alice before it: no "said" for the sender.
        ack(alice, "echo", "flush");
        assertEquals(0, aliceGot.size());
    }

    @Test
    void invalidPayloadIsAnsweredThroughTheAck() throws Exception {
        Socket socket = client(new String[] {WebSocket.NAME}, Map.of("token", "java-4"));
        CompletableFuture<Object[]> hello = next(socket, "hello");
        socket.connect();
        await(hello);
        // "say" expects an object with room and text; an array cannot bind.
        JSONObject refused = (JSONObject) ack(socket, "say", new JSONArray(List.of(1, 2)))[0];
        assertFalse(refused.getBoolean("ok"));
        assertTrue(socket.connected(), "a bad payload does not cost the connection");
        assertEquals("still here", ack(socket, "echo", "still here")[0]);
    }
}
