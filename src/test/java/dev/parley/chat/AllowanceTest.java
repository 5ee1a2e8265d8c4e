package dev.parley.chat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowanceTest {

    private final AtomicLong now = new AtomicLong();
    private final Allowance threePerMinute = new Allowance(3, Duration.ofMinutes(1), now::get);

    @Test
    void theWholeAllowanceMayGoAtOnceThenItRefillsOneByOneOverThePeriod() {
        for (int i = 0; i < 3; i++) {
            assertTrue(threePerMinute.take(7), "burst " + i);
        }
        assertFalse(threePerMinute.take(7));
        now.addAndGet(Duration.ofSeconds(19).toNanos());
        assertFalse(threePerMinute.take(7), "a third of the minute has not passed");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(threePerMinute.take(7), "one back once 20 s have passed");
        assertFalse(threePerMinute.take(7));
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertTrue(threePerMinute.take(7), "never more than the burst, however long the wait: " + i);
        }
        assertFalse(threePerMinute.take(7));
    }

    @Test
    void eachUserHasTheirOwn() {
        for (int i = 0; i < 3; i++) {
            threePerMinute.take(1);
        }
        assertFalse(threePerMinute.take(1));
        assertTrue(threePerMinute.take(2));
    }
}
