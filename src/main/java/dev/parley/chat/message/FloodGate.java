package dev.parley.chat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user flood control: a token bucket of {@code parley.chat.rate-limit} messages per second (the
 * same number as burst), shared by all of a user's tabs and the REST API, so a script cannot post around it.
 */
@ApplicationScoped
public class FloodGate {

    private int perSecond;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    protected FloodGate() {
        // for the CDI proxy
    }

    @Inject
    public FloodGate(@ConfigProperty(name = "parley.chat.rate-limit", defaultValue = "10") int perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes one message from the user's allowance; false when there is none left right now. */
    public boolean allow(long userId) {
        return buckets.computeIfAbsent(userId, id -> new Bucket(perSecond)).take(perSecond, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int capacity) {
            tokens = capacity;
        }

        synchronized boolean take(int perSecond, long now) {
            tokens = Math.min(perSecond, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
