package dev.parley.transport;

import dev.parley.engine.EngineServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds back a busy connection's next write for a moment, so that the frames reaching it meanwhile leave in
 * one system call. A write's cost in the kernel (the TCP segment, on loopback its delivery, the reader's
 * wake-up) hardly depends on its size and is most of a broadcast's CPU: measured with {@code perf}, 60% of the
 * server's CPU for Parley and for the Node reference alike, one write per delivered message. Only a connection
 * that wrote less than {@code millis} ago waits, so a frame to a quiet connection leaves at once.
 *
 * <p>Each wait lasts about the linger (a quarter of it less at most), and the waits are served by a timer
 * task on the engine's timer thread that runs at most every quarter linger and resumes every connection
 * whose time is up: a timer per wait would wake a thread per write, the very cost this saves. The linger is
 * the same for every wait, so the waits come due in the order they began.
 */
final class WriteLinger {

    private static final Logger LOG = Logger.getLogger(WriteLinger.class.getName());

    private final EngineServer server;
    private final long nanos;
    private final long slack;
    private final Queue<Held> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean armed = new AtomicBoolean();

    private record Held(long due, Runnable resume) {
    }

    /** Null when {@code millis} is 0: every write leaves at once. */
    static WriteLinger of(EngineServer server, long millis) {
        return millis <= 0 ? null : new WriteLinger(server, millis);
    }

    private WriteLinger(EngineServer server, long millis) {
        this.server = server;
        this.nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        this.slack = nanos / 4;
    }

    /** Whether a connection whose last write started at {@code lastWrite} (System.nanoTime) should wait. */
    boolean recent(long lastWrite, long now) {
        return now - lastWrite < nanos;
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
        for (Runnable resume : due) {
            try {
                resume.run();
            } catch (RuntimeException e) { // one connection's failure must not keep the others waiting
                LOG.log(Level.WARNING, "resuming a held WebSocket write failed", e);
            }
        }
    }
}
