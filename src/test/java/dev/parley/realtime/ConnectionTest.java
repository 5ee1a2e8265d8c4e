package dev.parley.realtime;

import dev.parley.engine.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static dev.parley.realtime.RealtimeFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Joining namespaces: CONNECT, CONNECT_ERROR, middleware, dynamic namespaces, DISCONNECT, connectTimeout. */
class ConnectionTest {

    private final RealtimeFixture fixture = new RealtimeFixture();
    private final SocketServer io = fixture.io;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void connectingToTheMainNamespaceAnswersWithTheSocketIdAndRunsTheConnectionHandler() throws Exception {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(connected::add);
        FakeClient client = fixture.client();

        client.send("0{\"token\":\"abc\"}");

        String reply = client.awaitMessage(m -> m.startsWith("0"));
        assertEquals(1, connected.size());
        Socket socket = connected.get(0);
        assertEquals("0{\"sid\":\"" + socket.id() + "\"}", reply);
        assertEquals(Map.of("token", "abc"), socket.handshake().auth());
        assertEquals("fake", socket.handshake().header("user-agent"));
        assertEquals("10.0.0.1", socket.handshake().address());
        assertEquals(client.session().id(), socket.connectionId());
        assertTrue(io.of("/").sockets().contains(socket));
        assertSame(socket, fixture.registry.socket(socket.id()));
    }

    @Test
    void aConnectionMayJoinSeveralNamespacesEachWithItsOwnSocket() throws Exception {
        io.of("/admin");
        FakeClient client = fixture.client();
        String main = client.connect("/");
        String admin = client.connect("/admin");

        assertFalse(main.equals(admin));
        assertEquals(client.session().id(), io.of("/admin").socket(admin).connectionId());
        assertEquals(client.session().id(), io.of("/").socket(main).connectionId());
    }

    @Test
    void anUnknownNamespaceIsRefusedWithInvalidNamespaceAndTheConnectionLivesOn() throws Exception {
        FakeClient client = fixture.client();

        client.send("0/nope,");

        assertEquals("4/nope,{\"message\":\"Invalid namespace\"}", client.awaitMessage(m -> m.startsWith("4")));
        assertTrue(client.session().isOpen());
        client.connect("/");
    }

    @Test
    void packetsForANamespaceNotJoinedAreDroppedAndLoggedOnceAndTheConnectionLivesOn() throws Exception {
        io.of("/admin").onConnection(socket -> socket.on("x", (args, ack) -> ack.send("admin")));
        List<String> logged = new CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Client.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            FakeClient client = fixture.client();
            client.connect("/");

            client.send("2/admin,[\"x\"]").send("2/admin,1[\"x\"]").send("3/admin,1[]");

            assertTrue(client.session().isOpen(), logged.toString());
            client.connect("/admin");
            client.send("2/admin,2[\"x\"]");
            assertEquals("3/admin,2[\"admin\"]", client.awaitMessage(m -> m.startsWith("3/admin")));
            List<String> stray = logged.stream().filter(m -> m.contains("has not joined")).toList();
            assertEquals(1, stray.size(), logged.toString());
            assertTrue(stray.get(0).contains("namespace /admin"), stray.get(0));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void middlewareRejectionReachesTheClientWithMessageAndData() throws Exception {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        io.of("/admin").use((socket, next) -> {
            if (!"secret".equals(socket.handshake().auth().get("token"))) {
                next.reject("Unauthorized", Map.of("reason", "bad token"));
            } else {
                next.proceed();
            }
        }).onConnection(connected::add);
        FakeClient client = fixture.client();

        client.send("0/admin,{\"token\":\"guess\"}");

        assertEquals("4/admin,{\"message\":\"Unauthorized\",\"data\":{\"reason\":\"bad token\"}}",
                client.awaitMessage(m -> m.startsWith("4")));
        assertEquals(List.of(), connected);
        assertTrue(io.of("/admin").sockets().isEmpty());

        client.send("0/admin,{\"token\":\"secret\"}");
        client.awaitMessage(m -> m.startsWith("0/admin,{\"sid\""));
        assertEquals(1, connected.size());
    }

    @Test
    void middlewareRunsInOrderAndARejectionStopsTheChain() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        io.of("/").use((socket, next) -> {
            ran.add("first");
            next.proceed();
        }).use((socket, next) -> {
            ran.add("second");
            next.reject("No");
        }).use((socket, next) -> {
            ran.add("third");
            next.proceed();
        });
        FakeClient client = fixture.client();
        client.send("0");

        assertEquals("4{\"message\":\"No\"}", client.awaitMessage(m -> m.startsWith("4")));
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void aMiddlewareThatThrowsRefusesTheSocketWithoutHarmingTheServer() throws Exception {
        io.of("/").use((socket, next) -> {
            throw new IllegalStateException("bug");
        });
        FakeClient client = fixture.client();
        client.send("0");

        assertEquals("4{\"message\":\"Internal server error\"}", client.awaitMessage(m -> m.startsWith("4")));
        assertTrue(client.session().isOpen());
    }

    @Test
    void middlewareMayAdmitLaterFromAnotherThread() throws Exception {
        List<Socket> connected = new CopyOnWriteArrayList<>();
        CountDownLatch decide = new CountDownLatch(1);
        io.of("/").use((socket, next) -> new Thread(() -> {
            try {
                decide.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            next.proceed();
        }).start()).onConnection(connected::add);
        FakeClient client = fixture.client();

        client.send("0");
        assertEquals(List.of(), client.messages(), "not answered before the middleware decides");
        decide.countDown();

        client.awaitMessage(m -> m.startsWith("0{\"sid\""));
        await("the connection handler", () -> connected.size() == 1);
    }

    @Test
    void eventsSentRightAfterAnAsynchronousAdmissionReachTheHandlersOfTheConnectionHandler() throws Exception {
        List<Object> received = new CopyOnWriteArrayList<>();
        CountDownLatch handlersRegistered = new CountDownLatch(1);
        io.of("/").use((socket, next) -> new Thread(next::proceed).start()).onConnection(socket -> {
            sleep(200); // a connection handler doing some work (a database read) before registering handlers
            socket.on("hello", (args, ack) -> received.addAll(args));
            handlersRegistered.countDown();
        }).onEventError((socket, event, kind, cause, ack) -> received.add(event + ":" + kind));
        FakeClient client = fixture.client();

        client.send("0");
        client.awaitMessage(m -> m.startsWith("0{\"sid\""));
        client.send("2[\"hello\",\"world\"]"); // a client emits as soon as it is connected

        assertTrue(handlersRegistered.await(5, TimeUnit.SECONDS));
        await("the event to be handled", () -> !received.isEmpty());
        assertEquals(List.of("world"), received);
    }

    @Test
    void dynamicNamespacesAreCreatedForNamesMatchingThePattern() throws Exception {
        List<String> joined = new CopyOnWriteArrayList<>();
        List<String> checked = new CopyOnWriteArrayList<>();
        io.of(Pattern.compile("/team-\\d+")).use((socket, next) -> {
            checked.add(socket.namespace().name());
            next.proceed();
        }).onConnection(socket -> joined.add(socket.namespace().name()));
        FakeClient one = fixture.client();
        FakeClient two = fixture.client();

        String first = one.connect("/team-42");
        String second = two.connect("/team-42");
        one.connect("/team-7");

        assertEquals(List.of("/team-42", "/team-42", "/team-7"), joined);
        assertEquals(joined, checked, "the parent's middleware runs for its children");
        Namespace team42 = io.namespaces().stream().filter(n -> n.name().equals("/team-42")).findFirst().orElseThrow();
        assertEquals(2, team42.sockets().size(), "one namespace per name, shared by its clients");
        assertTrue(team42.socket(first) != null && team42.socket(second) != null);

        one.send("0/team-x,");
        assertEquals("4/team-x,{\"message\":\"Invalid namespace\"}", one.awaitMessage(m -> m.startsWith("4")));
    }

    @Test
    void aClientNamespaceDisconnectLeavesTheOtherNamespacesAndTheConnection() throws Exception {
        List<String> reasons = new CopyOnWriteArrayList<>();
        io.of("/admin").onConnection(socket -> socket.onDisconnect(reasons::add));
        List<Object> mainEvents = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(socket -> socket.on("ping", (args, ack) -> mainEvents.add("ping")));
        FakeClient client = fixture.client();
        client.connect("/");
        String admin = client.connect("/admin");

        client.send("1/admin,");

        assertEquals(List.of("client namespace disconnect"), reasons);
        assertEquals(null, io.of("/admin").socket(admin));
        assertTrue(client.session().isOpen());
        client.send("2[\"ping\"]");
        assertEquals(List.of("ping"), mainEvents);
    }

    @Test
    void aServerDisconnectOfOneSocketSendsDisconnectForItsNamespaceOnly() throws Exception {
        List<String> reasons = new CopyOnWriteArrayList<>();
        io.of("/admin").onConnection(socket -> socket.onDisconnect(reasons::add));
        FakeClient client = fixture.client();
        client.connect("/");
        String admin = client.connect("/admin");

        io.of("/admin").socket(admin).disconnect();

        assertEquals(List.of("1/admin,"), client.events());
        assertEquals(List.of("server namespace disconnect"), reasons);
        assertTrue(client.session().isOpen());
    }

    @Test
    void closingTheConnectionDisconnectsEveryNamespaceWithTheEngineReason() throws Exception {
        List<String> reasons = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(socket -> socket.onDisconnect(reasons::add));
        io.of("/admin").onConnection(socket -> socket.onDisconnect(reasons::add));
        FakeClient client = fixture.client();
        String main = client.connect("/");
        client.connect("/admin");

        client.send("2{}"); // malformed: the connection is closed as a parse error

        assertEquals(List.of("parse error", "parse error"), reasons);
        assertFalse(client.session().isOpen());
        assertEquals(null, fixture.registry.socket(main));
    }

    @Test
    void aConnectionThatNeverJoinsANamespaceIsClosedAfterTheConnectTimeout() throws Exception {
        try (RealtimeFixture quick = new RealtimeFixture(Duration.ofMillis(300), EngineConfig.defaults())) {
            FakeClient idle = quick.client();
            FakeClient joined = quick.client();
            joined.connect("/");

            await("the idle connection to be closed", idle::closed);

            assertFalse(idle.session().isOpen());
            Thread.sleep(400);
            assertTrue(joined.session().isOpen(), "a connection that joined in time is kept");
        }
    }

    @Test
    void aRefusedConnectionIsStillSubjectToTheConnectTimeout() throws Exception {
        try (RealtimeFixture quick = new RealtimeFixture(Duration.ofMillis(100), EngineConfig.defaults())) {
            quick.io.of("/").use((socket, next) -> next.reject("No"));
            FakeClient refused = quick.client();
            refused.send("0");

            await("the refused connection to be closed", refused::closed);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
