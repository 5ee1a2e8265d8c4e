package dev.parley.engine;

import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.EnginePacket;
import dev.parley.protocol.EnginePacketType;
import dev.parley.protocol.Frame;
import dev.parley.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.parley.engine.EngineFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSessionTest {

    private static EnginePacket packet(String frame) throws ProtocolException {
        return EngineCodec.decode(frame);
    }

    private static long pings(FakeTransport transport) {
        return transport.texts().stream().filter("2"::equals).count();
    }

    @Test
    void theServerPingsAtThePingIntervalAndClosesWithPingTimeoutWithoutPong() throws Exception {
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(300, 100, 100, 60_000))) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);
            assertEquals(0, pings(transport), "no ping before the interval");

            await("the first ping", () -> pings(transport) == 1);
            assertTrue(engine.listener(0).awaitClose(5_000));

            assertEquals(List.of("ping timeout"), engine.listener(0).closeReasons);
            assertFalse(session.isOpen());
            assertEquals(1, pings(transport), "one ping, then the timeout");
            assertEquals(List.of(true), transport.closes, "the client is told the session ended");
            assertNull(engine.server.find(session.id()));
        }
    }

    @Test
    void aClientThatAnswersEveryPingStaysOpen() throws Exception {
        // a timeout well above scheduling jitter (a loaded machine's pauses); seventy pings take twice interval +
        // timeout, so each pong must both cancel the timeout and arm the next ping
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(30, 1000, 100, 60_000))) {
            ExecutorService client = Executors.newSingleThreadExecutor();
            FakeTransport transport = FakeTransport.websocket();
            transport.onWrite(frame -> {
                if ("2".equals(frame.text())) {
                    EngineSession session = engine.server.sessions().iterator().next();
                    client.execute(() -> session.onPacket(transport, new EnginePacket(EnginePacketType.PONG, "", null)));
                }
            });
            EngineSession session = engine.open(transport);

            await("seventy pings answered", () -> pings(transport) >= 70);

            assertTrue(session.isOpen());
            assertEquals(List.of(), engine.listener(0).closeReasons);
            client.shutdownNow();
        }
    }

    /** Blocks both of the fixture's timer threads until the returned latch is counted down. */
    private static CountDownLatch occupyTimers(EngineFixture engine) throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            engine.timers.execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(busy.await(5, TimeUnit.SECONDS));
        return release;
    }

    @Test
    void anOverduePongIsNoticedEvenWhenTheTimerThreadIsBusy() throws Exception {
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(20, 20, 100, 60_000))) {
            // both timer threads taken before the session opens, so neither its ping nor its timeout can run
            CountDownLatch release = occupyTimers(engine);
            EngineSession session = engine.open(FakeTransport.websocket());
            Thread.sleep(100);
            assertTrue(session.isOpen(), "the timers could not run");

            assertTrue(session.expired());
            assertFalse(session.isOpen());
            assertEquals(List.of("ping timeout"), engine.listener(0).closeReasons);
            release.countDown();
        }
    }

    /** As Node's engine.io: the client's pong may be queued behind a long upload; it is alive, so it gets more time. */
    @Test
    void anotherPacketWhileThePongIsAwaitedExtendsTheWaitOncePerPing() throws Exception {
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(20, 3000, 100, 60_000))) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);
            await("the first ping", () -> pings(transport) == 1);
            long pinged = System.nanoTime(); // the ping was sent before this: its deadline is at most 3 s from here
            CountDownLatch release = occupyTimers(engine); // only the deadline decides (expired())
            Thread.sleep(1200);
            long extended = System.nanoTime();
            session.onPacket(transport, packet("4busy"));
            session.onPacket(transport, packet("4still busy")); // the same ping's wait is not extended again
            assertTrue(extended - pinged < TimeUnit.MILLISECONDS.toNanos(3000), "the packet came before the deadline");

            sleepUntil(pinged + TimeUnit.MILLISECONDS.toNanos(3100));
            assertFalse(session.expired(), "past the ping's own deadline, within the extended one");
            sleepUntil(extended + TimeUnit.MILLISECONDS.toNanos(3100));
            assertTrue(session.expired(), "extended once, not by every packet");
            assertEquals(List.of("busy", "still busy"), engine.listener(0).messages);
            release.countDown();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    @Test
    void aFreshSessionIsNotExpired() {
        try (EngineFixture engine = EngineFixture.quiet()) {
            EngineSession session = engine.open(FakeTransport.polling());
            assertFalse(session.expired());
            assertTrue(session.isOpen());
        }
    }

    @Test
    void messagesTextAndBinaryReachTheListener() throws ProtocolException {
        try (EngineFixture engine = EngineFixture.quiet()) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);

            session.onPacket(transport, packet("4hello"));
            session.onPacket(transport, EnginePacket.binaryMessage(new byte[]{1, 2}));

            assertEquals(List.of("hello"), engine.listener(0).messages);
            assertArrayEquals(new byte[]{1, 2}, engine.listener(0).binaries.get(0));
        }
    }

    @Test
    void theClientsClosePacketEndsTheSessionWithoutAnswer() throws ProtocolException {
        try (EngineFixture engine = EngineFixture.quiet()) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);

            session.onPacket(transport, packet("1"));

            assertFalse(session.isOpen());
            assertEquals(List.of("transport close"), engine.listener(0).closeReasons);
            assertEquals(List.of(false), transport.closes, "the client closed: nothing to tell it");
            assertEquals(EngineError.UNKNOWN_SID, engine.server.verify("4", "websocket", session.id()));
            assertFalse(session.send(Frame.message("late")), "a closed session sends nothing");
        }
    }

    @Test
    void packetsAfterCloseAreIgnored() throws ProtocolException {
        try (EngineFixture engine = EngineFixture.quiet()) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);
            session.close("bye");
            session.onPacket(transport, packet("4late"));
            session.close("again");

            assertEquals(List.of(), engine.listener(0).messages);
            assertEquals(List.of("bye"), engine.listener(0).closeReasons, "closed once");
        }
    }

    @Test
    void anOpenPacketFromTheClientIsAProtocolErrorThatClosesOnlyThatSession() throws ProtocolException {
        try (EngineFixture engine = EngineFixture.quiet()) {
            FakeTransport bad = FakeTransport.websocket();
            FakeTransport good = FakeTransport.websocket();
            EngineSession badSession = engine.open(bad);
            EngineSession goodSession = engine.open(good);

            badSession.onPacket(bad, packet("0{}"));

            assertFalse(badSession.isOpen());
            assertEquals(List.of("parse error"), engine.listener(0).closeReasons);
            assertTrue(goodSession.isOpen());
            goodSession.onPacket(good, packet("4still here"));
            assertEquals(List.of("still here"), engine.listener(1).messages);
        }
    }

    @Test
    void aFailingMessageHandlerDoesNotCloseTheSession() throws ProtocolException {
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(60_000, 60_000, 100, 60_000))) {
            EngineServer throwing = new EngineServer(engine.server.config(), engine.timers, s -> new RecordingListener() {
                @Override
                public void onMessage(String text) {
                    throw new IllegalStateException("handler bug");
                }
            });
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = throwing.open(transport, EngineFixture.HANDSHAKE);
            session.onPacket(transport, packet("4boom"));
            assertTrue(session.isOpen());
        }
    }

    @Test
    void theTransportGoingAwayClosesTheSessionWithItsReason() {
        try (EngineFixture engine = EngineFixture.quiet()) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);
            session.onTransportClosed(transport, "transport error");
            assertFalse(session.isOpen());
            assertEquals(List.of("transport error"), engine.listener(0).closeReasons);
        }
    }
}
