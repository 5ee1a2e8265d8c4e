package dev.parley.engine;

import dev.parley.protocol.Frame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded per-connection queue, and what the session does when a client cannot keep up. */
class OutboundQueueTest {

    @Test
    void pastItsLimitTheQueueRefusesOnceNothingWasTakenForFiveSecondsAndAcceptsAgainOnceDrained() {
        AtomicLong now = new AtomicLong();
        OutboundQueue queue = new OutboundQueue(2, now::get);
        List<Frame> a = List.of(Frame.message("a"));
        assertTrue(queue.offer(a));
        assertTrue(queue.offer(List.of(Frame.message("b"))));
        assertTrue(queue.offer(List.of(Frame.message("c"))), "past the limit, a burst to a client that reads");
        now.addAndGet(OutboundQueue.STALL_NANOS);
        assertTrue(queue.offer(List.of(Frame.message("d"))), "not moving for exactly five seconds is not yet stuck");
        now.incrementAndGet();
        assertFalse(queue.offer(List.of(Frame.message("e"))), "stuck past the limit: a slow client");
        assertSame(a, queue.poll());
        assertTrue(queue.offer(List.of(Frame.message("f"))), "one packet taken: moving again");
        queue.clear();
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
    }

    @Test
    void aQueueBackUnderItsLimitStartsAfreshWhenABurstComesLater() {
        AtomicLong now = new AtomicLong();
        OutboundQueue queue = new OutboundQueue(1, now::get);
        assertTrue(queue.offer(List.of(Frame.message("a"))));
        assertTrue(queue.offer(List.of(Frame.message("b"))));
        queue.poll();
        queue.poll();
        now.addAndGet(TimeUnit.HOURS.toNanos(1)); // quiet: nothing waits, nothing is taken
        assertTrue(queue.offer(List.of(Frame.message("c"))));
        assertTrue(queue.offer(List.of(Frame.message("d"))), "the old time is not taken for a stall");
    }

    @Test
    void aBurstIsTakenUpToTenTimesTheLimitAndNoFurther() {
        OutboundQueue queue = new OutboundQueue(3, () -> 0L); // no time passes: the queue is not stuck
        for (int i = 0; i < 30; i++) {
            assertTrue(queue.offer(List.of(Frame.message("m" + i))), "packet " + i);
        }
        assertFalse(queue.offer(List.of(Frame.message("one too many"))));
        queue.poll();
        assertTrue(queue.offer(List.of(Frame.message("room again"))));
    }

    @Test
    void concurrentOffersNeverExceedTenTimesTheLimit() throws Exception {
        OutboundQueue queue = new OutboundQueue(10);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            senders.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 1_000; i++) {
                    if (queue.offer(List.of(Frame.PING))) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> sender : senders) {
            sender.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(100, accepted.get());
        int queued = 0;
        while (queue.poll() != null) {
            queued++;
        }
        assertEquals(100, queued);
    }

    @Test
    void aClientThatStopsReadingIsClosedAsSlowOnceItsQueueIsFull() {
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(60_000, 60_000, 5, 60_000))) {
            FakeTransport transport = FakeTransport.websocket().stall();
            EngineSession session = engine.open(transport);

            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                if (session.send(Frame.message("m" + i))) {
                    accepted++;
                }
            }

            assertEquals(49, accepted, "the open packet plus 49 messages: ten times a limit of five, sent at once");
            assertFalse(session.isOpen());
            assertEquals(List.of("slow client"), engine.listener(0).closeReasons);
            assertEquals(List.of(true), transport.closes);
            assertFalse(session.hasOutbound(), "a closed session's queue is released");
        }
    }

    @Test
    void aClientThatKeepsReadingIsNeverClosedWhateverTheVolume() {
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(60_000, 60_000, 5, 60_000))) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);
            for (int i = 0; i < 1_000; i++) {
                assertTrue(session.send(Frame.message("m" + i)));
            }
            assertTrue(session.isOpen());
            assertEquals(1_001, transport.written.size());
        }
    }

    @Test
    void concurrentSendersNeverInterleaveTheFramesOfABinaryPacket() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (EngineFixture engine = new EngineFixture(EngineFixture.config(60_000, 60_000, 1_000_000, 60_000))) {
            FakeTransport transport = FakeTransport.websocket();
            EngineSession session = engine.open(transport);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String tag = thread + ":" + i;
                        assertTrue(session.send(List.of(
                                Frame.message("52-[\"" + tag + "\",{\"_placeholder\":true,\"num\":0},"
                                        + "{\"_placeholder\":true,\"num\":1}]"),
                                Frame.binary(bytes(thread, i, 0)),
                                Frame.binary(bytes(thread, i, 1)))));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sender : senders) {
                sender.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            List<Frame> frames = transport.written.subList(1, transport.written.size()); // after the open packet
            assertEquals(threads * perThread * 3, frames.size());
            Map<Integer, Integer> nextPerThread = new HashMap<>();
            for (int f = 0; f < frames.size(); f += 3) {
                String header = frames.get(f).text();
                String tag = header.substring(header.indexOf("[\"") + 2, header.indexOf("\","));
                int thread = Integer.parseInt(tag.substring(0, tag.indexOf(':')));
                int seq = Integer.parseInt(tag.substring(tag.indexOf(':') + 1));
                assertArrayEquals(bytes(thread, seq, 0), frames.get(f + 1).binary(), "first attachment of " + tag);
                assertArrayEquals(bytes(thread, seq, 1), frames.get(f + 2).binary(), "second attachment of " + tag);
                assertEquals(nextPerThread.getOrDefault(thread, 0), seq, "one sender's packets stay in order");
                nextPerThread.put(thread, seq + 1);
            }
        }
    }

    private static byte[] bytes(int thread, int seq, int attachment) {
        return ByteBuffer.allocate(12).putInt(thread).putInt(seq).putInt(attachment).array();
    }
}
