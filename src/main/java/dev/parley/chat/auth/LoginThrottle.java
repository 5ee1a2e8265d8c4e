package dev.parley.chat.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing. After {@code parley.auth.free-failures} wrong passwords in a row for one
 * user name from one address (5), the next try of that name from there must wait 1 s, and twice as long after each further failure (2 s,
 * 4 s ... up to {@code parley.auth.max-lockout-seconds}, 300); a success clears the count. One address that fails more than
 * {@code parley.auth.address-failures-per-minute} times within a minute, over any names, waits a minute.
 * A refused try is answered before the password is hashed, so guessing costs the server nothing either.
 *
 * <p>Per instance: with several, a guesser gets each instance's allowance.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Past this many names and addresses, the ones idle for a while are forgotten: sprayed names cost nothing. */
    private static final int TRIM_ABOVE = 10_000;
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(15);
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private int freeFailures;
    private long maxLockoutNanos;
    private int addressFailuresPerMinute;
    private final Map<String, Failures> byName = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    /** Failures in a row (names) or within the current minute (addresses), and when the next try may come. */
    private record Failures(int count, long since, long notBefore) {
    }

    protected LoginThrottle() {
        // for CDI proxies
    }

    @Inject
    public LoginThrottle(@ConfigProperty(name = "parley.auth.free-failures", defaultValue = "5") int freeFailures,
                         @ConfigProperty(name = "parley.auth.max-lockout-seconds", defaultValue = "300") long maxLockout,
                         @ConfigProperty(name = "parley.auth.address-failures-per-minute", defaultValue = "30")
                         int addressFailuresPerMinute) {
        this.freeFailures = freeFailures;
        this.maxLockoutNanos = TimeUnit.SECONDS.toNanos(maxLockout);
        this.addressFailuresPerMinute = addressFailuresPerMinute;
    }

    /** How long this try must still wait, or empty when it may go ahead. */
    public Optional<Duration> holdBack(String username, String address) {
        long now = System.nanoTime();
        long left = Math.max(left(byName.get(key(username, address)), now), left(byAddress.get(address), now));
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    public void failed(String username, String address) {
        long now = System.nanoTime();
        byName.compute(key(username, address), (name, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            int over = count - freeFailures + 1;
            long lockout = over <= 0 ? 0 : Math.min(maxLockoutNanos, TimeUnit.SECONDS.toNanos(1) << Math.min(over - 1, 30));
            return new Failures(count, now, now + lockout);
        });
        byAddress.compute(address, (ip, before) -> {
            boolean sameMinute = before != null && now - before.since() < MINUTE_NANOS;
            int count = sameMinute ? before.count() + 1 : 1;
            long since = sameMinute ? before.since() : now;
            return new Failures(count, since, count > addressFailuresPerMinute ? now + MINUTE_NANOS : now);
        });
        trim(now);
    }

    public void succeeded(String username, String address) {
        byName.remove(key(username, address));
    }

    /** Nanoseconds still to wait (0 or less: none); nanoTime values are compared by difference only. */
    private static long left(Failures failures, long now) {
        return failures == null ? 0 : failures.notBefore() - now;
    }

    /**
     * A name as tried from one address: a guesser elsewhere must not be able to lock the real user out by
     * failing on purpose (behind one proxy everyone shares an address, and then it is the name alone).
     */
    private static String key(String username, String address) {
        return (username == null ? "" : username.trim().toLowerCase(Locale.ROOT)) + "\n" + address;
    }

    private void trim(long now) {
        for (Map<String, Failures> map : List.of(byName, byAddress)) {
            if (map.size() > TRIM_ABOVE) {
                map.values().removeIf(f -> now - f.since() > IDLE_NANOS && now - f.notBefore() > 0);
            }
        }
    }
}
