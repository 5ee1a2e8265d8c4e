package dev.parley.transport;

import dev.parley.engine.EngineConfig;
import dev.parley.engine.EngineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteLingerTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final EngineServer server = new EngineServer(EngineConfig.defaults(), timers, session -> null);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void zeroMeansNoLinger() {
        assertNull(WriteLinger.of(server, 0));
    }

    @Test
    void onlyAWriteWithinTheLingerCountsAsRecent() {
        WriteLinger linger = WriteLinger.of(server, 5);
        long now = System.nanoTime();
        assertTrue(linger.recent(now - TimeUnit.MILLISECONDS.toNanos(1), now, 0));
        assertTrue(!linger.recent(now - TimeUnit.MILLISECONDS.toNanos(5), now, 0));
    }

    @Test
    void waitsThatPayWidenWhatCountsAsRecentUpToFourLingers() {
        WriteLinger linger = WriteLinger.of(server, 5);
        long now = System.nanoTime();
        long twelveAgo = now - TimeUnit.MILLISECONDS.toNanos(12);
        int reach = 0;
        assertTrue(!linger.recent(twelveAgo, now, reach));
        reach = WriteLinger.reachAfter(reach, true);
        assertTrue(!linger.recent(twelveAgo, now, reach), "two lingers: 10 ms");
        reach = WriteLinger.reachAfter(reach, true);
        assertTrue(linger.recent(twelveAgo, now, reach), "four lingers: 20 ms");
        reach = WriteLinger.reachAfter(reach, true);
        assertEquals(WriteLinger.MAX_REACH, reach);
        assertTrue(!linger.recent(now - TimeUnit.MILLISECONDS.toNanos(20), now, reach));
    }

    @Test
    void aWaitThatDidNotPayNarrowsItAgain() {
        int reach = WriteLinger.reachAfter(WriteLinger.reachAfter(0, true), true);
        reach = WriteLinger.reachAfter(reach, false);
        assertEquals(1, reach);
        assertEquals(0, WriteLinger.reachAfter(WriteLinger.reachAfter(reach, false), false));
    }

    @Test
    void everyHeldWriterResumesTogetherOnOneTickAfterTheLinger() throws Exception {
        WriteLinger linger = WriteLinger.of(server, 20, 0);
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        CountDownLatch resumed = new CountDownLatch(3);
        AtomicInteger resumedBeforeTheTickEnded = new AtomicInteger(-1);
        long start = System.nanoTime();
        // held from one timer task, so no tick can run between the holds however slow the machine
        timers.execute(() -> {
            for (int i = 0; i < 3; i++) {
                linger.hold(() -> {
                    threads.add(Thread.currentThread().getName());
                    at.add(System.nanoTime());
                    if (at.size() == 1) { // runs on the single timer thread once the tick that resumed this ends
                        timers.execute(() -> resumedBeforeTheTickEnded.set(at.size()));
                    }
                    resumed.countDown();
                });
            }
        });
        assertTrue(resumed.await(2, TimeUnit.SECONDS));
        assertEquals(1, threads.stream().distinct().count(), "all on the timer thread");
        for (long t : at) {
            assertTrue(t - start >= TimeUnit.MILLISECONDS.toNanos(15), "waited the linger, less a quarter at most");
        }
        timers.submit(() -> { }).get(2, TimeUnit.SECONDS); // the marker task ran before this one
        assertEquals(3, resumedBeforeTheTickEnded.get(), "all three on the same tick");
    }

    @Test
    void aWriterHeldLaterWaitsItsOwnLingerNotTheRestOfAnEarlierOne() throws Exception {
        WriteLinger linger = WriteLinger.of(server, 40);
        CountDownLatch both = new CountDownLatch(2);
        long[] resumedAt = new long[2];
        long first = System.nanoTime();
        linger.hold(() -> {
            resumedAt[0] = System.nanoTime();
            both.countDown();
        });
        Thread.sleep(20);
        long second = System.nanoTime();
        linger.hold(() -> {
            resumedAt[1] = System.nanoTime();
            both.countDown();
        });
        assertTrue(both.await(2, TimeUnit.SECONDS));
        assertTrue(resumedAt[0] - first >= TimeUnit.MILLISECONDS.toNanos(30), "the first waited its linger");
        assertTrue(resumedAt[1] - second >= TimeUnit.MILLISECONDS.toNanos(30), "so did the second");
    }

    @Test
    void aWriterHeldWhileATickRunsWaitsForTheNextAndAFailureHoldsUpNoOne() throws Exception {
        WriteLinger linger = WriteLinger.of(server, 10);
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch after = new CountDownLatch(1);
        linger.hold(() -> linger.hold(second::countDown)); // held during the tick
        linger.hold(() -> {
            throw new IllegalStateException("a writer failing on purpose");
        });
        linger.hold(after::countDown);
        assertTrue(after.await(2, TimeUnit.SECONDS), "the failure did not stop the tick");
        assertTrue(second.await(2, TimeUnit.SECONDS), "the tick re-armed for the writer held during it");
    }

    @Test
    void aTickWithManyWritersDueSharesThemWithTheWriterThreadsAndAFewStayOnTheTimer() throws Exception {
        WriteLinger linger = WriteLinger.of(server, 10, 2);
        try {
            int many = 3 * WriteLinger.MIN_SLICE;
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch resumed = new CountDownLatch(many);
            timers.execute(() -> { // all held on one tick's watch
                for (int i = 0; i < many; i++) {
                    linger.hold(() -> {
                        threads.add(Thread.currentThread().getName());
                        resumed.countDown();
                    });
                }
            });
            assertTrue(resumed.await(2, TimeUnit.SECONDS), "every writer resumed");
            assertEquals(3, threads.size(), "the timer thread and both writer threads: " + threads);
            assertEquals(2, threads.stream().filter(name -> name.startsWith("parley-writer-")).count());

            Set<String> few = ConcurrentHashMap.newKeySet();
            CountDownLatch fewResumed = new CountDownLatch(WriteLinger.MIN_SLICE - 1);
            for (int i = 0; i < WriteLinger.MIN_SLICE - 1; i++) {
                linger.hold(() -> {
                    few.add(Thread.currentThread().getName());
                    fewResumed.countDown();
                });
            }
            assertTrue(fewResumed.await(2, TimeUnit.SECONDS));
            assertEquals(1, few.size(), "too few to be worth a hand-off: " + few);
            assertTrue(!few.iterator().next().startsWith("parley-writer-"));
        } finally {
            linger.close();
        }
    }

    @Test
    void afterCloseEveryWriterStillResumes() throws Exception {
        WriteLinger linger = WriteLinger.of(server, 10, 2);
        linger.close();
        int many = 3 * WriteLinger.MIN_SLICE;
        CountDownLatch resumed = new CountDownLatch(many);
        timers.execute(() -> {
            for (int i = 0; i < many; i++) {
                linger.hold(resumed::countDown);
            }
        });
        assertTrue(resumed.await(2, TimeUnit.SECONDS), "on the timer thread, as the writer threads are gone");
    }
}
