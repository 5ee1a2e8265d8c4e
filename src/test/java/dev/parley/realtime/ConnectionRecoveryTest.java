package dev.parley.realtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Socket.IO's connection state recovery: pid and offsets out, the kept socket and what it missed back. */
class ConnectionRecoveryTest {

    private RealtimeFixture fixture = RealtimeFixture.withRecovery(Duration.ofMinutes(2));

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** What the client keeps from a CONNECT reply and from the last event: enough to come back. */
    private record Seen(String sid, String pid, String lastOffset) {
    }

    private static Map<?, ?> connectReply(FakeClient client, int index) throws InterruptedException {
        RealtimeFixture.await("a CONNECT reply", () -> client.messages().stream().filter(m -> m.startsWith("0")).count() > index);
        String reply = client.messages().stream().filter(m -> m.startsWith("0")).toList().get(index);
        return (Map<?, ?>) FakeClient.json(reply.substring(1));
    }

    private static String lastArgument(String event) {
        List<?> args = (List<?>) FakeClient.json(event.substring(1));
        return (String) args.get(args.size() - 1);
    }

    private Seen connectAndSee(FakeClient client, String room) throws InterruptedException {
        client.send("0");
        Map<?, ?> reply = connectReply(client, 0);
        Socket socket = fixture.io.of("/").socket((String) reply.get("sid"));
        socket.join(room);
        socket.data().put("user", "alice");
        fixture.io.of("/").to(room).emit("m", 1);
        String event = client.awaitMessage(m -> m.startsWith("2[\"m\",1"));
        return new Seen((String) reply.get("sid"), (String) reply.get("pid"), lastArgument(event));
    }

    private static String connectWith(String pid, String offset) {
        return "0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\",\"token\":\"t\"}";
    }

    @Test
    void theConnectReplyCarriesAPrivateIdAndEveryEventWithoutAckAnOffset() throws Exception {
        FakeClient client = fixture.client();
        Seen seen = connectAndSee(client, "r");
        assertTrue(seen.pid() != null && !seen.pid().equals(seen.sid()));
        fixture.io.of("/").socket(seen.sid()).emit("direct", "x");
        String direct = client.awaitMessage(m -> m.startsWith("2[\"direct\""));
        assertNotEquals(seen.lastOffset(), lastArgument(direct), "each event its own offset");
    }

    @Test
    void aClientBackAfterANetworkLossGetsItsSocketRoomsDataAndTheEventsItMissedInOrder() throws Exception {
        Namespace main = fixture.io.of("/");
        FakeClient first = fixture.client();
        Seen seen = connectAndSee(first, "r");
        first.session().onTransportClosed(first, "transport close");

        main.to("r").emit("m", 2);
        main.to(seen.sid()).emit("direct", 3);
        main.to("elsewhere").emit("m", 99);
        main.emit("all", 4);

        FakeClient again = fixture.client();
        again.send(connectWith(seen.pid(), seen.lastOffset()));
        Map<?, ?> reply = connectReply(again, 0);
        assertEquals(seen.sid(), reply.get("sid"));
        assertEquals(seen.pid(), reply.get("pid"));
        RealtimeFixture.await("the missed events", () -> again.events().size() >= 3);
        List<String> missed = again.events().stream().map(e -> e.substring(0, e.lastIndexOf(','))).toList();
        assertEquals(List.of("2[\"m\",2", "2[\"direct\",3", "2[\"all\",4"), missed);

        Socket socket = main.socket(seen.sid());
        assertTrue(socket.recovered());
        assertEquals(Set.of(seen.sid(), "r"), socket.rooms());
        assertEquals("alice", socket.data().get("user"));
        main.to("r").emit("m", 5);
        again.awaitMessage(m -> m.startsWith("2[\"m\",5"));
    }

    @Test
    void eventsSentWhileTheSocketComesBackArriveOnceEachAndInOrder() throws Exception {
        Namespace main = fixture.io.of("/");
        FakeClient first = fixture.client();
        Seen seen = connectAndSee(first, "r");
        first.session().onTransportClosed(first, "transport close");
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger last = new AtomicInteger(1);
        Thread sender = new Thread(() -> {
            while (sending.get()) {
                main.to("r").emit("n", last.incrementAndGet());
                LockSupport.parkNanos(50_000);
            }
        });
        sender.start();
        try {
            Thread.sleep(30);
            FakeClient again = fixture.client();
            again.send(connectWith(seen.pid(), seen.lastOffset()));
            connectReply(again, 0);
            Thread.sleep(30);
            sending.set(false);
            sender.join();
            String lastEvent = "2[\"n\"," + last.get() + ",";
            again.awaitMessage(m -> m.startsWith(lastEvent));
            List<Integer> numbers = again.events().stream()
                    .map(e -> ((Number) ((List<?>) FakeClient.json(e.substring(1))).get(1)).intValue()).toList();
            assertEquals(IntStream.rangeClosed(2, last.get()).boxed().toList(), numbers,
                    "missed then live, none lost or doubled");
        } finally {
            sending.set(false);
            sender.join();
        }
    }

    @Test
    void aSocketIsRecoveredOnceAndNotAfterTheClientLeftOnItsOwn() throws Exception {
        FakeClient first = fixture.client();
        Seen seen = connectAndSee(first, "r");
        first.send("1"); // DISCONNECT from "/": the client chose to leave
        FakeClient again = fixture.client();
        again.send(connectWith(seen.pid(), seen.lastOffset()));
        Map<?, ?> reply = connectReply(again, 0);
        assertNotEquals(seen.sid(), reply.get("sid"));
        assertFalse(fixture.io.of("/").socket((String) reply.get("sid")).recovered());
    }

    @Test
    void anOffsetFromAnotherServerStartOrAnExpiredWindowConnectsAfresh() throws Exception {
        FakeClient first = fixture.client();
        Seen seen = connectAndSee(first, "r");
        first.session().onTransportClosed(first, "transport close");
        FakeClient again = fixture.client();
        again.send(connectWith(seen.pid(), "another-start-7"));
        assertNotEquals(seen.sid(), connectReply(again, 0).get("sid"));

        fixture.close();
        fixture = RealtimeFixture.withRecovery(Duration.ofMillis(50));
        FakeClient late = fixture.client();
        Seen before = connectAndSee(late, "r");
        late.session().onTransportClosed(late, "transport close");
        Thread.sleep(120);
        FakeClient back = fixture.client();
        back.send(connectWith(before.pid(), before.lastOffset()));
        assertNotEquals(before.sid(), connectReply(back, 0).get("sid"));
    }

    @Test
    void whatTheWindowHasPassedIsDroppedEvenWhenTheNamespaceGoesQuiet() throws Exception {
        // a window a loaded machine's pause between two calls does not cross
        ConnectionRecovery recovery = new ConnectionRecovery(Duration.ofMillis(500));
        recovery.send(new java.util.ArrayList<>(List.of("m")), args -> List.of(), Set.of(), Set.of(), frames -> true);
        recovery.left("pid-1", "socket-1", Set.of("r"), Map.of(), "transport close");
        recovery.sweep();
        assertEquals(2, recovery.held(), "within the window: the event and the socket");

        Thread.sleep(600);
        recovery.sweep();
        assertEquals(0, recovery.held(), "nothing sent since, nothing claimed: the sweep alone drops them");
        assertEquals(Duration.ofMillis(500), recovery.sweepPeriod());
        assertEquals(Duration.ofMinutes(1), new ConnectionRecovery(Duration.ofMinutes(2)).sweepPeriod());
    }

    @Test
    void withoutRecoveryThereIsNoPidAndNoOffset() throws Exception {
        fixture.close();
        fixture = new RealtimeFixture();
        FakeClient client = fixture.client();
        client.send("0");
        Map<?, ?> reply = connectReply(client, 0);
        assertNull(reply.get("pid"));
        fixture.io.of("/").emit("m", 1);
        assertEquals("2[\"m\",1]", client.awaitMessage(m -> m.startsWith("2")));
    }
}
