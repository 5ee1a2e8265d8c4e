package dev.parley.chat.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where refused client input (a bad payload, an unknown event, a room the user may not enter) is logged: at
 * most {@code perSecond} lines a second for the whole server, so that clients looping on bad input cannot
 * flood the log; the next line logged says how many were left out before it.
 */
final class RefusalLog {

    private final int perSecond;
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger leftOut = new AtomicInteger();

    RefusalLog(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Hands {@code line} the number of refusals left out since the last line, or leaves this one out too. */
    void log(long nanoTime, Consumer<Integer> line) {
        long now = Math.floorDiv(nanoTime, 1_000_000_000L);
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            taken.set(0);
        }
        if (taken.incrementAndGet() > perSecond) {
            leftOut.incrementAndGet();
            return;
        }
        line.accept(leftOut.getAndSet(0));
    }
}
