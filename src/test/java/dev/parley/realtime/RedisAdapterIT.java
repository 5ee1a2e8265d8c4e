package dev.parley.realtime;

import dev.parley.it.RedisServer;
import dev.parley.protocol.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static dev.parley.realtime.RealtimeFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two instances sharing rooms through a real Redis server (Debian's redis-server, started here): a broadcast
 * made on either reaches the matching sockets of both, once, and the link survives Redis going away.
 */
class RedisAdapterIT {

    private static RedisServer redis;
    private RealtimeFixture one;
    private RealtimeFixture two;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) redis.close();
    }

    @BeforeEach
    void twoInstances() throws Exception {
        one = RealtimeFixture.withRedis(redis.uri());
        two = RealtimeFixture.withRedis(redis.uri());
        await("both instances subscribed", () -> one.io.redis().subscribed() && two.io.redis().subscribed());
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
    }

    private record Peer(FakeClient client, Socket socket) {
        List<String> events() {
            return client.events();
        }
    }

    private static Peer peer(RealtimeFixture on, String... rooms) throws InterruptedException {
        FakeClient client = on.client();
        Socket socket = on.io.of("/").socket(client.connect("/"));
        socket.join(rooms);
        return new Peer(client, socket);
    }

    @Test
    void aRoomBroadcastReachesItsMembersOnEveryInstanceOnce() throws Exception {
        Peer alice = peer(one, "general");
        Peer bob = peer(two, "general");
        Peer carol = peer(two, "random");

        one.io.of("/").to("general").emit("message", "hi");

        await("bob, on the other instance, gets it", () -> bob.events().size() == 1);
        Thread.sleep(200); // time for a duplicate, or a stray delivery, to show
        assertEquals(List.of("2[\"message\",\"hi\"]"), alice.events());
        assertEquals(List.of("2[\"message\",\"hi\"]"), bob.events());
        assertEquals(List.of(), carol.events());
    }

    @Test
    void oneInstancesBroadcastsArriveOnTheOtherInTheOrderTheyWereMade() throws Exception {
        peer(one, "general");
        Peer bob = peer(two, "general");

        for (int i = 0; i < 500; i++) {
            one.io.of("/").to("general").emit("n", i);
        }

        await("all 500 on the other instance", () -> bob.events().size() == 500);
        for (int i = 0; i < 500; i++) {
            assertEquals("2[\"n\"," + i + "]", bob.events().get(i));
        }
    }

    @Test
    void aSocketsBroadcastSkipsOnlyTheSenderAndExceptionsHoldEverywhere() throws Exception {
        Peer alice = peer(one, "general");
        Peer bob = peer(two, "general");
        Peer dave = peer(two, "general", "muted");

        bob.socket().broadcast().to("general").emit("typing", "bob");
        one.io.of("/").to("general").except("muted").emit("notice", 1);

        await("alice gets both", () -> alice.events().size() == 2);
        await("dave gets the typing", () -> dave.events().size() == 1);
        Thread.sleep(200);
        // two instances' broadcasts have no order between them (each instance's own are kept in order)
        assertEquals(Set.of("2[\"typing\",\"bob\"]", "2[\"notice\",1]"), Set.copyOf(alice.events()));
        assertEquals(List.of("2[\"notice\",1]"), bob.events());
        assertEquals(List.of("2[\"typing\",\"bob\"]"), dave.events());
    }

    @Test
    void aNamespaceWideEmitAndABinaryPayloadCrossIntact() throws Exception {
        Peer alice = peer(one);
        Peer bob = peer(two);
        byte[] data = {0, 1, 2, (byte) 255};

        two.io.of("/").emit("everyone", "x");
        two.io.of("/").emit("blob", data);

        await("alice gets both", () -> alice.events().size() == 2);
        assertEquals("2[\"everyone\",\"x\"]", alice.events().get(0));
        assertEquals("51-[\"blob\",{\"_placeholder\":true,\"num\":0}]", alice.events().get(1));
        List<byte[]> binaries = alice.client().packets.stream().flatMap(List::stream).filter(Frame::isBinary)
                .map(Frame::binary).toList();
        assertArrayEquals(data, binaries.get(0));
        assertEquals(2, bob.events().size());
    }

    @Test
    void aLocalBroadcastStaysOnItsInstanceAndServerSideEventsReachTheOthersOnly() throws Exception {
        Peer alice = peer(one, "general");
        Peer bob = peer(two, "general");
        List<String> heardByOne = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> heardByTwo = new java.util.concurrent.CopyOnWriteArrayList<>();
        one.io.onServerSideEmit("posted", heardByOne::add);
        two.io.onServerSideEmit("posted", heardByTwo::add);

        one.io.of("/").local().to("general").emit("mine-only", 1);
        one.io.serverSideEmit("posted", () -> "{\"id\":7}");
        one.io.of("/").to("general").emit("after", 2);

        await("the other instance's handler ran", () -> heardByTwo.size() == 1);
        await("bob gets the shared broadcast", () -> bob.events().size() == 1);
        assertEquals(List.of("{\"id\":7}"), heardByTwo);
        assertEquals(List.of(), heardByOne, "not to the sender's own handlers");
        assertEquals(List.of("2[\"mine-only\",1]", "2[\"after\",2]"), alice.events());
        assertEquals(List.of("2[\"after\",2]"), bob.events(), "the local one stayed on its instance");
    }

    @Test
    void broadcastsCrossAgainOnceRedisIsBack() throws Exception {
        Peer alice = peer(one, "general");
        Peer bob = peer(two, "general");

        redis.stop();
        await("both instances see the subscription gone", () -> !one.io.redis().subscribed() && !two.io.redis().subscribed());
        one.io.of("/").to("general").emit("while-away", 1); // lost to the other instance: pub/sub keeps nothing
        assertEquals(List.of("2[\"while-away\",1]"), alice.events(), "this instance's own sockets still get it");
        redis.boot();
        await("both instances subscribed again", () -> one.io.redis().subscribed() && two.io.redis().subscribed());

        one.io.of("/").to("general").emit("back", 2);
        await("bob gets what was sent after Redis came back", () -> bob.events().contains("2[\"back\",2]"));
        assertEquals(List.of("2[\"back\",2]"), bob.events());
    }

    @Test
    void theWireFormatCarriesFramesRoomsAndExceptionsAndRefusesAnythingElse() {
        List<Frame> frames = List.of(new Frame("42[\"é\"]", null), new Frame(null, new byte[] {7, 8}, true));
        RedisAdapter.Remote sent = new RedisAdapter.Remote("instance-1", frames, Set.of("a", "b"), Set.of("c"));

        RedisAdapter.Remote got = RedisAdapter.Remote.decode(sent.encode());

        assertEquals("instance-1", got.instance());
        assertEquals(Set.of("a", "b"), got.rooms());
        assertEquals(Set.of("c"), got.except());
        assertEquals("42[\"é\"]", got.frames().get(0).text());
        assertArrayEquals(new byte[] {7, 8}, got.frames().get(1).binary());
        assertEquals(true, got.frames().get(1).settle());
        assertThrows(IllegalArgumentException.class,
                () -> RedisAdapter.Remote.decode("hello".getBytes(StandardCharsets.UTF_8)));
        byte[] truncated = sent.encode();
        assertThrows(IllegalArgumentException.class,
                () -> RedisAdapter.Remote.decode(java.util.Arrays.copyOf(truncated, truncated.length - 1)));
    }
}
