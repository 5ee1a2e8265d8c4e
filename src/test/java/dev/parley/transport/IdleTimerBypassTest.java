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
    void anIdleTimeoutCommandDueAtOnceIsNotRunAndItsFutureIsDone() throws Exception {
        IdleTimerBypass.IdleTimersSkipped scheduler = new IdleTimerBypass.IdleTimersSkipped(container);
        IdleTimeoutCommand command = new IdleTimeoutCommand();
        ScheduledFuture<?> future = scheduler.schedule(command, 0, TimeUnit.MILLISECONDS);
        assertTrue(future.isDone());
        assertFalse(future.cancel(true), "nothing to cancel");
        container.submit(() -> { }).get(1, TimeUnit.SECONDS); // the container's thread has had its turn
        assertEquals(0, command.ran.get());
    }

    @Test
    void aRealIdleTimeoutAndOtherOneShotTasksStillRun() throws Exception {
        IdleTimerBypass.IdleTimersSkipped scheduler = new IdleTimerBypass.IdleTimersSkipped(container);
        IdleTimeoutCommand command = new IdleTimeoutCommand();
        scheduler.schedule(command, 5, TimeUnit.MILLISECONDS).get(1, TimeUnit.SECONDS);
        assertEquals(1, command.ran.get(), "an idle timeout above 0 is a real timer");
        AtomicInteger other = new AtomicInteger();
        scheduler.schedule(other::incrementAndGet, 0, TimeUnit.MILLISECONDS).get(1, TimeUnit.SECONDS);
        assertEquals(1, other.get(), "only the idle command is skipped");
    }

    @Test
    void everythingElseRunsOnTheContainersScheduler() throws Exception {
        IdleTimerBypass.IdleTimersSkipped scheduler = new IdleTimerBypass.IdleTimersSkipped(container);
        CountDownLatch ticks = new CountDownLatch(2);
        ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(ticks::countDown, 0, 5, TimeUnit.MILLISECONDS);
        assertTrue(ticks.await(2, TimeUnit.SECONDS));
        heartbeat.cancel(false);
        assertEquals("done", scheduler.submit(() -> "done").get(1, TimeUnit.SECONDS));
    }

    /** Named as Tyrus's {@code TyrusSession$IdleTimeoutCommand}, which the scheduler recognises by name. */
    private static final class IdleTimeoutCommand implements Runnable {
        final AtomicInteger ran = new AtomicInteger();

        @Override
        public void run() {
            ran.incrementAndGet();
        }
    }
}
