package dev.parley.chat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How much of something each user may do: a token bucket per user of {@code count} per {@code period},
 * which is also the burst. Per instance, in memory: a limit against floods, not an accounting.
 */
public final class Allowance {

    private final int count;
    private final double perNano;
    private final LongSupplier clock;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public Allowance(int count, Duration period) {
        this(count, period, System::nanoTime);
    }

    Allowance(int count, Duration period, LongSupplier clock) {
        this.count = count;
        this.perNano = count / (double) period.toNanos();
        this.clock = clock;
    }

    /** Takes one from the user's allowance; false when there is none left right now. */
    public boolean take(long userId) {
        long now = clock.getAsLong();
        return buckets.computeIfAbsent(userId, id -> new Bucket(count, now)).take(count, perNano, now);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int capacity, long now) {
            tokens = capacity;
            refilledAt = now;
        }

        synchronized boolean take(int capacity, double perNano, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
