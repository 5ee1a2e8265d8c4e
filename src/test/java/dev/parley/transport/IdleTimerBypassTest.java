package dev.parley.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimerBypassTest {

    private final ScheduledExecutorService container = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        container.shutdownNow();
    }

    @Test
    void oneShotTasksAreNotRunAndTheirFutureIsDone() throws Exception {
        IdleTimerBypass.OneShotsSkipped scheduler = new IdleTimerBypass.OneShotsSkipped(container);
        AtomicInteger ran = new AtomicInteger();
        ScheduledFuture<?> future = scheduler.schedule(ran::incrementAndGet, 0, TimeUnit.MILLISECONDS);
        assertTrue(future.isDone());
        assertFalse(future.cancel(true), "nothing to cancel");
        container.submit(() -> { }).get(1, TimeUnit.SECONDS); // the container's thread has had its turn
        assertEquals(0, ran.get());
    }

    @Test
    void everythingElseRunsOnTheContainersScheduler() throws Exception {
        IdleTimerBypass.OneShotsSkipped scheduler = new IdleTimerBypass.OneShotsSkipped(container);
        CountDownLatch ticks = new CountDownLatch(2);
        ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(ticks::countDown, 0, 5, TimeUnit.MILLISECONDS);
        assertTrue(ticks.await(2, TimeUnit.SECONDS));
        heartbeat.cancel(false);
        assertEquals("done", scheduler.submit(() -> "done").get(1, TimeUnit.SECONDS));
    }
}
