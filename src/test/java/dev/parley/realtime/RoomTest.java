package dev.parley.realtime;

import dev.parley.engine.EngineConfig;
import dev.parley.protocol.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rooms and broadcasts through the in-memory adapter. */
class RoomTest {

    private final RealtimeFixture fixture = new RealtimeFixture();
    private final Namespace main = fixture.io.of("/");

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A connected client and its server-side socket. */
    private record Peer(FakeClient client, Socket socket) {
        List<String> events() {
            return client.events();
        }
    }

    private Peer peer(String... rooms) throws InterruptedException {
        FakeClient client = fixture.client();
        String id = client.connect("/");
        Socket socket = main.socket(id);
        socket.join(rooms);
        return new Peer(client, socket);
    }

    @Test
    void theAdaptersVersionMovesWithEveryJoinAndLeaveOnly() throws Exception {
        Peer alice = peer();
        long[] seen = {main.adapter().version()};
        Runnable moved = () -> {
            long now = main.adapter().version();
            assertTrue(now > seen[0], "version moved on from " + seen[0]);
            seen[0] = now;
        };
        alice.socket().join("general");
        moved.run();
        main.to("general").emit("news", 1);
        assertEquals(seen[0], main.adapter().version(), "a broadcast changes no room");
        alice.socket().leave("general");
        moved.run();
        alice.client().send("41"); // leaves the namespace, so every room
        moved.run();
    }

    @Test
    void everySocketIsInARoomNamedAfterItsId() throws Exception {
        Peer alice = peer();
        Peer bob = peer();

        main.to(bob.socket().id()).emit("direct", 1);

        assertEquals(Set.of(alice.socket().id()), alice.socket().rooms());
        assertEquals(List.of(), alice.events());
        assertEquals(List.of("2[\"direct\",1]"), bob.events());
    }

    @Test
    void emitToARoomReachesItsMembersOnly() throws Exception {
        Peer alice = peer("general");
        Peer bob = peer("general");
        Peer carol = peer("random");

        main.to("general").emit("message", "hi");

        assertEquals(List.of("2[\"message\",\"hi\"]"), alice.events());
        assertEquals(List.of("2[\"message\",\"hi\"]"), bob.events());
        assertEquals(List.of(), carol.events());
    }

    @Test
    void aSocketsEmitToARoomSkipsTheSender() throws Exception {
        Peer alice = peer("general");
        Peer bob = peer("general");

        alice.socket().to("general").emit("message", "from alice");

        assertEquals(List.of(), alice.events());
        assertEquals(List.of("2[\"message\",\"from alice\"]"), bob.events());
    }

    @Test
    void exceptSkipsTheMembersOfTheExceptedRooms() throws Exception {
        Peer alice = peer("general", "muted");
        Peer bob = peer("general");
        Peer carol = peer("muted");

        main.to("general").except("muted").emit("m");
        main.except("muted").emit("all-but-muted");

        assertEquals(List.of(), alice.events());
        assertEquals(List.of("2[\"m\"]", "2[\"all-but-muted\"]"), bob.events());
        assertEquals(List.of(), carol.events());
    }

    @Test
    void broadcastReachesTheWholeNamespaceButTheSender() throws Exception {
        Peer alice = peer();
        Peer bob = peer();
        Peer carol = peer("x");
        FakeClient elsewhere = fixture.client();
        fixture.io.of("/admin");
        elsewhere.connect("/admin");

        alice.socket().broadcast().emit("hello");

        assertEquals(List.of(), alice.events());
        assertEquals(List.of("2[\"hello\"]"), bob.events());
        assertEquals(List.of("2[\"hello\"]"), carol.events());
        assertEquals(List.of(), elsewhere.events(), "other namespaces are not reached");
    }

    @Test
    void aSocketInSeveralTargetRoomsGetsOneCopy() throws Exception {
        Peer both = peer("a", "b");
        Peer onlyB = peer("b");

        main.to("a", "b").emit("once");
        main.to("a").to("b").emit("chained");
        onlyB.socket().to("a", "b").emit("from b");

        assertEquals(List.of("2[\"once\"]", "2[\"chained\"]", "2[\"from b\"]"), both.events());
        assertEquals(List.of("2[\"once\"]", "2[\"chained\"]"), onlyB.events());
    }

    @Test
    void aBroadcastIsEncodedOnceAndTheSameFramesAreQueuedForEveryRecipient() throws Exception {
        Peer alice = peer("room");
        Peer bob = peer("room");
        Peer carol = peer("room");

        main.to("room").emit("file", "x", new byte[]{1, 2, 3});

        List<Frame> forAlice = last(alice);
        assertEquals(2, forAlice.size());
        assertSame(forAlice, last(bob));
        assertSame(forAlice, last(carol));
        assertSame(forAlice.get(0), last(bob).get(0));
        assertSame(forAlice.get(1), last(carol).get(1));

        main.emit("to everyone");
        assertSame(last(alice).get(0), last(bob).get(0));
        assertSame(last(alice).get(0), last(carol).get(0));
    }

    private static List<Frame> last(Peer peer) {
        return peer.client().packets.get(peer.client().packets.size() - 1);
    }

    @Test
    void leaveStopsDeliveryForThatRoomOnly() throws Exception {
        Peer alice = peer("a", "b");

        alice.socket().leave("a");
        main.to("a").emit("to a");
        main.to("b").emit("to b");

        assertEquals(List.of("2[\"to b\"]"), alice.events());
        assertEquals(Set.of(alice.socket().id(), "b"), alice.socket().rooms());
        assertEquals(Set.of(), main.adapter().socketsIn("a"), "an emptied room is dropped");
    }

    @Test
    void aDisconnectedSocketLeavesAllItsRooms() throws Exception {
        Peer alice = peer("a", "b");
        Peer bob = peer("a");
        String aliceId = alice.socket().id();

        alice.client().send("1");

        assertEquals(Set.of(), main.adapter().rooms(aliceId));
        assertEquals(Set.of(bob.socket().id()), main.adapter().socketsIn("a"));
        assertEquals(Set.of(), main.adapter().socketsIn("b"));
        assertEquals(Set.of(), main.adapter().socketsIn(aliceId));
        main.to("a", "b").emit("after");
        assertEquals(List.of(), alice.events());
        assertEquals(List.of("2[\"after\"]"), bob.events());
    }

    @Test
    void aClosedConnectionLeavesAllItsRooms() throws Exception {
        Peer alice = peer("a");
        String aliceId = alice.socket().id();

        alice.client().session().close("test");

        assertEquals(Set.of(), main.adapter().rooms(aliceId));
        assertEquals(Set.of(), main.adapter().socketsIn("a"));
        assertFalse(main.sockets().contains(alice.socket()));
    }

    @Test
    void aSlowClientIsDroppedWithoutStallingTheRestOfTheRoom() throws Exception {
        EngineConfig small = new EngineConfig(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000, 10,
                Duration.ofSeconds(10), List.of());
        try (RealtimeFixture limited = new RealtimeFixture(Duration.ofSeconds(45), small)) {
            Namespace ns = limited.io.of("/");
            FakeClient fast = limited.client();
            StalledClient slow = new StalledClient(limited.io.engine());
            ns.socket(fast.connect("/")).join("room");
            slow.send("0");
            ns.sockets().stream().filter(s -> !s.connectionId().equals(fast.session().id())).findFirst()
                    .orElseThrow().join("room");

            for (int i = 0; i < 150; i++) { // past ten times the limit of 10
                ns.to("room").emit("n", i);
            }

            assertFalse(slow.session().isOpen(), "the client that reads nothing is closed");
            assertEquals(1, ns.sockets().size());
            assertEquals(150, fast.events().size(), "the others get every message");
            assertTrue(fast.session().isOpen());
        }
    }
}
