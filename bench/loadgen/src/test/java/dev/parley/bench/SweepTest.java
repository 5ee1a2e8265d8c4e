package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {

    private static final long FOREVER = Long.MAX_VALUE;

    /** A server that keeps p99 under the limit up to {@code capacity} sent/s and loses nothing below it. */
    private static Sweep.Step serverWithCapacity(double capacity, List<Double> rates) {
        return (label, rate, seconds) -> {
            rates.add(rate);
            boolean ok = rate <= capacity;
            long expected = (long) (rate * seconds * 10);
            return new StepResult(label, rate, rate * 10, (long) (rate * seconds), expected,
                    ok ? expected : expected / 2, 0, 0, 0, 5, ok ? 20 : 900, 30, 100, 1, 2, 3, 0, 50, 10, 20, 0, 0);
        };
    }

    @Test
    void climbsUntilAFailureThenBisectsBelowIt() throws Exception {
        List<Double> rates = new ArrayList<>();
        Sweep sweep = new Sweep(serverWithCapacity(700, rates), 0, r -> { });
        sweep.run(400, 1.5, 12, 2, 1, FOREVER);
        assertEquals(List.of(400.0, 600.0, 900.0), rates.subList(0, 3));
        assertEquals("failed-step", sweep.stoppedBy);
        assertTrue(sweep.best().sentPerSecond() > 600 && sweep.best().sentPerSecond() <= 700);
    }

    @Test
    void aTargetSlowerThanTheStartingRateStillGetsAFigure() throws Exception {
        List<Double> rates = new ArrayList<>();
        Sweep sweep = new Sweep(serverWithCapacity(90, rates), 0, r -> { });
        sweep.run(600, 1.25, 12, 2, 1, FOREVER);
        assertEquals(List.of(600.0, 300.0, 150.0, 75.0), rates.subList(0, 4), "halves the rate until a step passes");
        assertTrue(sweep.best().sentPerSecond() >= 75 && sweep.best().sentPerSecond() <= 90);
        assertTrue(rates.get(4) > 75 && rates.get(4) < 150, "then bisects between the pass and the failure above it");
    }

    @Test
    void nothingPassingGivesNoFigure() throws Exception {
        List<Double> rates = new ArrayList<>();
        Sweep sweep = new Sweep(serverWithCapacity(0.1, rates), 0, r -> { });
        sweep.run(8, 1.25, 12, 2, 1, FOREVER);
        assertNull(sweep.best());
        assertEquals("no-passing-rate", sweep.stoppedBy);
    }
}
