package dev.parley.transport;

import dev.parley.engine.EngineServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds back a busy connection's next write for a moment, so that the frames reaching it meanwhile leave in
 * one system call. A write's cost in the kernel (the TCP segment, on loopback its delivery, the reader's
 * wake-up) hardly depends on its size and is most of a broadcast's CPU: measured with {@code perf}, 60% of the
 * server's CPU for Parley and for the Node reference alike, one write per delivered message. Only a connection
 * that wrote recently waits, so a frame to a quiet connection leaves at once: less than {@code millis} ago at
 * first, up to {@link #MAX_REACH} doublings of that while its waits pay (the write after a wait carried
 * frames that came during it), narrowed again when they do not. A fixed window misses one of two loads:
 * with one linger, a connection getting a frame every 12-20 ms never waits, though most of its waits would
 * pay; with four, one getting a frame every 20 ms like clockwork waits each time for nothing.
 *
 * <p>Each wait lasts about the linger (a quarter of it less at most), and the waits are served by a timer
 * task on the engine's timer thread that runs at most every quarter linger and resumes every connection
 * whose time is up: a timer per wait would wake a thread per write, the very cost this saves. The linger is
 * the same for every wait, so the waits come due in the order they began.
 *
 * <p>With more than one core, a tick with many connections due shares them out between the timer thread and
 * {@code workers} writer threads: the resumed writes are most of a busy server's system calls, and on one
 * thread they would be bounded by one core.
 */
final class WriteLinger {

    private static final Logger LOG = Logger.getLogger(WriteLinger.class.getName());
    /** Fewest resumptions worth a hand-off to another thread: each is about a system call. */
    static final int MIN_SLICE = 32;

    private final EngineServer server;
    private final long nanos;
    private final long slack;
    private final Queue<Held> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final ExecutorService spread;
    private final int workers;

    private record Held(long due, Runnable resume) {
    }

    /** Null when {@code millis} is 0: every write leaves at once. One writer thread per core but one. */
    static WriteLinger of(EngineServer server, long millis) {
        return of(server, millis, Runtime.getRuntime().availableProcessors() - 1);
    }

    static WriteLinger of(EngineServer server, long millis, int workers) {
        return millis <= 0 ? null : new WriteLinger(server, millis, Math.max(0, workers));
    }

    private WriteLinger(EngineServer server, long millis, int workers) {
        this.server = server;
        this.nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        this.slack = nanos / 4;
        this.workers = workers;
        this.spread = workers == 0 ? null : Executors.newFixedThreadPool(workers, new WriterThreads());
    }

    /** Stops the writer threads; a tick after this resumes everything on the timer thread. */
    void close() {
        if (spread != null) {
            spread.shutdown();
        }
    }

    /** Doublings of the window a connection's waits can earn (4 lingers at most). */
    static final int MAX_REACH = 2;

    /**
     * Whether a connection whose last write started at {@code lastWrite} (System.nanoTime) should wait,
     * given the {@code reach} its waits have earned (0 to {@link #MAX_REACH}).
     */
    boolean recent(long lastWrite, long now, int reach) {
        return now - lastWrite < nanos << reach;
    }

    /** The reach after a wait: one more if it paid (frames came during it and shared its write), else one less. */
    static int reachAfter(int reach, boolean paid) {
        return paid ? Math.min(MAX_REACH, reach + 1) : Math.max(0, reach - 1);
    }

    /** A connection's side of the linger, for its single writer. */
    Pace pace() {
        return new Pace();
    }

    /**
     * When one connection last wrote and how far back "busy" reaches for it ({@link #recent}), and whether its
     * writer has waited since its queue was last empty (then it writes what is queued without waiting again: a
     * backlog has nothing to wait for). Touched only by the thread that holds the connection's writer role.
     */
    final class Pace {
        private long lastWrite;
        private boolean waited;
        private int reach;
        /**
         * Packets queued when the last wait began, or -1 when the next write does not follow a wait: the write
         * after one says whether it paid, by carrying more than that.
         */
        private int queuedAtWait = -1;

        private Pace() {
        }

        /** Whether the next write may wait: the last one was recent, and no wait since the queue was empty. */
        boolean mayWait(long now) {
            return !waited && recent(lastWrite, now, reach);
        }

        /** The writer waits, with {@code queued} packets behind; {@code resume} runs at the linger's tick. */
        void hold(int queued, Runnable resume) {
            waited = true;
            queuedAtWait = queued;
            WriteLinger.this.hold(resume);
        }

        /** The connection's queue is empty. */
        void drained() {
            waited = false;
        }

        /** A write of {@code frames} starts now; after a wait, it widens or narrows the reach. */
        void wrote(int frames) {
            lastWrite = System.nanoTime();
            if (queuedAtWait >= 0) {
                reach = reachAfter(reach, frames > queuedAtWait);
                queuedAtWait = -1;
            }
        }
    }

    /** Runs {@code resume} about the linger from now, on the engine's timer thread; it must not block. */
    void hold(Runnable resume) {
        waiting.add(new Held(System.nanoTime() + nanos, resume));
        arm(nanos);
    }

    private void arm(long delay) {
        if (armed.compareAndSet(false, true)) {
            server.later(this::tick, Math.max(slack, delay), TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        List<Runnable> due = new ArrayList<>();
        for (Held next = waiting.peek(); next != null && next.due() - now <= slack; next = waiting.peek()) {
            waiting.poll();
            due.add(next.resume());
        }
        armed.set(false);
        // a hold() between the drain and the line above found the task armed: it is armed for it now
        Held next = waiting.peek();
        if (next != null) {
            arm(next.due() - now);
        }
        int slices = spread == null ? 1 : Math.max(1, Math.min(workers + 1, due.size() / MIN_SLICE));
        if (slices == 1) {
            resume(due);
            return;
        }
        int size = (due.size() + slices - 1) / slices;
        for (int from = size; from < due.size(); from += size) {
            List<Runnable> slice = due.subList(from, Math.min(due.size(), from + size));
            try {
                spread.execute(() -> resume(slice));
            } catch (RejectedExecutionException closed) {
                resume(slice);
            }
        }
        resume(due.subList(0, size));
    }

    private static void resume(List<Runnable> due) {
        for (Runnable resume : due) {
            try {
                resume.run();
            } catch (RuntimeException e) { // one connection's failure must not keep the others waiting
                LOG.log(Level.WARNING, "resuming a held WebSocket write failed", e);
            }
        }
    }

    private static final class WriterThreads implements ThreadFactory {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "parley-writer-" + made.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
