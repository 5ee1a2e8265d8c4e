package dev.parley.realtime;

import dev.parley.protocol.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events and acknowledgements in both directions, text and binary. */
class EventTest {

    private final RealtimeFixture fixture = new RealtimeFixture();
    private final SocketServer io = fixture.io;
    private final AtomicReference<Socket> serverSide = new AtomicReference<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private FakeClient connected(String namespace) throws InterruptedException {
        io.of(namespace).onConnection(serverSide::set)
                .onEventError((socket, event, kind, cause, ack) -> errors.add(event + ":" + kind));
        FakeClient client = fixture.client();
        client.connect(namespace);
        return client;
    }

    public record ChatMessage(String room, String text) {
    }

    @Test
    void anEventReachesItsHandlerWithItsArguments() throws Exception {
        FakeClient client = connected("/");
        List<Object> received = new CopyOnWriteArrayList<>();
        serverSide.get().on("chat", (args, ack) -> {
            received.addAll(args);
            assertFalse(ack.requested());
        });

        client.send("2[\"chat\",\"hi\",{\"n\":1,\"big\":12345678901234567890,\"x\":1.5}]");

        assertEquals(List.of("hi", Map.of("n", 1L, "big", new java.math.BigDecimal("12345678901234567890"),
                "x", new java.math.BigDecimal("1.5"))), received);
    }

    @Test
    void anEventInANamespaceReachesThatNamespacesSocketOnly() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(s -> s.on("e", (args, ack) -> seen.add("main")));
        io.of("/admin").onConnection(s -> s.on("e", (args, ack) -> seen.add("admin")));
        FakeClient client = fixture.client();
        client.connect("/");
        client.connect("/admin");

        client.send("2/admin,[\"e\"]");
        client.send("2[\"e\"]");
        client.send("2/elsewhere,[\"e\"]"); // not connected there: ignored

        assertEquals(List.of("admin", "main"), seen);
        assertTrue(client.session().isOpen());
    }

    @Test
    void anEventWithAnAckIdIsAnsweredWithAnAckOfTheSameIdOnce() throws Exception {
        FakeClient client = connected("/");
        serverSide.get().on("add", (args, ack) -> {
            assertTrue(ack.requested());
            ack.send(((Long) args.get(0)) + ((Long) args.get(1)));
            ack.send("ignored");
        });

        client.send("27[\"add\",1,2]");

        assertEquals(List.of("37[3]"), client.events());
    }

    @Test
    void anAckInANamespaceCarriesTheNamespace() throws Exception {
        FakeClient client = connected("/admin");
        serverSide.get().on("q", (args, ack) -> ack.send(Map.of("ok", true)));

        client.send("2/admin,0[\"q\"]");

        assertEquals(List.of("3/admin,0[{\"ok\":true}]"), client.events());
    }

    @Test
    void typedHandlersBindThePayloadWithJsonB() throws Exception {
        FakeClient client = connected("/");
        List<ChatMessage> received = new CopyOnWriteArrayList<>();
        serverSide.get().on("message", ChatMessage.class, (payload, ack) -> received.add(payload));

        client.send("2[\"message\",{\"room\":\"general\",\"text\":\"héllo \\\"you\\\"\"}]");
        client.send("2[\"message\",\"not an object\"]");

        assertEquals(List.of(new ChatMessage("general", "héllo \"you\"")), received);
        assertEquals(List.of("message:INVALID_PAYLOAD"), errors);
        assertTrue(client.session().isOpen());
    }

    @Test
    void unknownEventsAndFailingHandlersGoToTheErrorHandlerAndTheSocketStays() throws Exception {
        FakeClient client = connected("/");
        serverSide.get().on("boom", (args, ack) -> {
            throw new IllegalStateException("handler bug");
        });

        client.send("2[\"nobody-listens\"]");
        client.send("2[\"boom\"]");

        assertEquals(List.of("nobody-listens:UNKNOWN_EVENT", "boom:HANDLER_FAILED"), errors);
        assertTrue(serverSide.get().connected());
    }

    @Test
    void aBinaryEventArrivesWithItsBuffersInPlace() throws Exception {
        FakeClient client = connected("/");
        List<Object> received = new CopyOnWriteArrayList<>();
        serverSide.get().on("upload", (args, ack) -> {
            received.addAll(args);
            ack.send("stored");
        });

        client.send("51-3[\"upload\",{\"name\":\"a.bin\",\"data\":{\"_placeholder\":true,\"num\":0}}]");
        assertEquals(List.of(), received, "waits for the attachment");
        client.sendBinary(new byte[]{1, 2, 3});

        Map<?, ?> file = (Map<?, ?>) received.get(0);
        assertEquals("a.bin", file.get("name"));
        assertArrayEquals(new byte[]{1, 2, 3}, (byte[]) file.get("data"));
        assertEquals(List.of("33[\"stored\"]"), client.events());
    }

    @Test
    void aBinaryEmitIsOnePacketOfAHeaderAndItsAttachments() throws Exception {
        FakeClient client = connected("/");

        serverSide.get().emit("file", "x", new byte[]{9, 8});

        List<Frame> last = client.packets.get(client.packets.size() - 1);
        assertEquals(2, last.size());
        assertEquals("451-[\"file\",\"x\",{\"_placeholder\":true,\"num\":0}]", last.get(0).text());
        assertArrayEquals(new byte[]{9, 8}, last.get(1).binary());
    }

    @Test
    void emitWithAckResolvesWithTheClientsAck() throws Exception {
        FakeClient client = connected("/");

        CompletableFuture<List<Object>> first = serverSide.get().emitWithAck(Duration.ofSeconds(5), "ask", 1);
        CompletableFuture<List<Object>> second = serverSide.get().emitWithAck(Duration.ofSeconds(5), "ask", 2);

        assertEquals(List.of("21[\"ask\",1]", "22[\"ask\",2]"), client.events());
        client.send("32[\"two\"]");
        client.send("31[\"one\",{\"n\":1}]");

        assertEquals(List.of("two"), second.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("one", Map.of("n", 1L)), first.get(1, TimeUnit.SECONDS));
    }

    @Test
    void emitWithAckResolvesWithABinaryAck() throws Exception {
        FakeClient client = connected("/admin");

        CompletableFuture<List<Object>> answer = serverSide.get().emitWithAck(Duration.ofSeconds(5), "photo");
        assertEquals(List.of("2/admin,1[\"photo\"]"), client.events());
        client.send("61-/admin,1[{\"_placeholder\":true,\"num\":0}]");
        client.sendBinary(new byte[]{4, 2});

        assertArrayEquals(new byte[]{4, 2}, (byte[]) answer.get(1, TimeUnit.SECONDS).get(0));
    }

    @Test
    void emitWithAckFailsWithAckTimeoutWhenTheClientDoesNotAnswer() throws Exception {
        FakeClient client = connected("/");

        CompletableFuture<List<Object>> answer = serverSide.get().emitWithAck(Duration.ofMillis(100), "ask");

        ExecutionException failure = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertInstanceOf(AckTimeoutException.class, failure.getCause());
        client.send("31[\"too late\"]"); // a late answer is ignored
        assertTrue(client.session().isOpen());
        assertTrue(answer.isCompletedExceptionally());
    }

    @Test
    void emitWithAckWithAZeroTimeoutAlwaysFails() throws Exception {
        connected("/");
        for (int i = 0; i < 20; i++) {
            CompletableFuture<List<Object>> answer = serverSide.get().emitWithAck(Duration.ZERO, "ask");
            ExecutionException failure = assertThrows(ExecutionException.class, () -> answer.get(2, TimeUnit.SECONDS));
            assertInstanceOf(AckTimeoutException.class, failure.getCause());
        }
    }

    @Test
    void pendingAcksFailWhenTheSocketDisconnects() throws Exception {
        FakeClient client = connected("/");
        CompletableFuture<List<Object>> answer = serverSide.get().emitWithAck(Duration.ofSeconds(30), "ask");

        client.send("1");

        ExecutionException failure = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertFalse(failure.getCause() instanceof AckTimeoutException, "failed at once, not by the timer");
    }

    @Test
    void emitWithAckOnADisconnectedSocketFailsAtOnce() throws Exception {
        FakeClient client = connected("/");
        client.send("1");
        assertTrue(serverSide.get().emitWithAck(Duration.ofSeconds(30), "ask").isCompletedExceptionally());
    }

    @Test
    void reservedEventNamesCannotBeEmitted() throws Exception {
        connected("/");
        assertThrows(IllegalArgumentException.class, () -> serverSide.get().emit("disconnect"));
        assertThrows(IllegalArgumentException.class, () -> serverSide.get().emit("connect_error"));
    }

    @Test
    void aMalformedPacketClosesOnlyTheConnectionThatSentIt() throws Exception {
        List<Object> received = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(socket -> socket.on("e", (args, ack) -> received.add(args.get(0))));
        FakeClient bad = fixture.client();
        FakeClient good = fixture.client();
        bad.connect("/");
        good.connect("/");

        for (String malformed : List.of("2[\"e\"", "2[\"a\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]")) {
            FakeClient victim = fixture.client();
            victim.connect("/");
            victim.send(malformed);
            assertFalse(victim.session().isOpen(), malformed);
        }
        bad.send("51-[\"e\",{\"_placeholder\":true,\"num\":0}]").send("2[\"e\",\"text instead of binary\"]");

        assertFalse(bad.session().isOpen());
        good.send("2[\"e\",\"still fine\"]");
        assertEquals(List.of("still fine"), received);
    }
}
