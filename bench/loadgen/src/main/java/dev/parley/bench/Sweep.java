package dev.parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Raises the send rate geometrically until a step fails (p99 over the limit, or anything lost), then bisects
 * between the last pass and the first failure. A target that fails the starting rate is not left without a
 * figure: the rate is halved until a step passes, and the bisection runs between that pass and the failure. The answer is the highest delivered rate of a passing step.
 * A failed rate is tried again up to {@code retries} times before it counts as failed: on a shared machine a
 * burst from another process can sink one step, and the retry rule is the same for every target.
 */
final class Sweep {
    /** When the first rate fails, the sweep steps down by this factor until a rate passes. */
    private static final double DOWN = 2;
    private static final double MIN_RATE = 1;

    final List<StepResult> steps = new ArrayList<>();
    String stoppedBy = "max-steps";

    /** Runs one paced step; {@link StepRunner#run} in the generator, a model of a server in tests. */
    interface Step {
        StepResult run(String label, double sentPerSecond, double seconds) throws IOException;
    }

    private final Step runner;
    private final Consumer<StepResult> onStep;
    private final int retries;
    private boolean disconnected;

    Sweep(Step runner, int retries, Consumer<StepResult> onStep) {
        this.runner = runner;
        this.retries = retries;
        this.onStep = onStep;
    }

    void run(double startRate, double factor, int maxSteps, int bisections, double stepSeconds, long deadlineNanos) throws IOException {
        double rate = startRate;
        Double passRate = null;
        Double failRate = null;
        for (int i = 0; i < maxSteps; i++) {
            if (System.nanoTime() > deadlineNanos) {
                stoppedBy = "time-limit";
                return;
            }
            boolean passed = passes(rate, stepSeconds);
            if (disconnected) {
                stoppedBy = "disconnects";
                return;
            }
            if (passed) {
                passRate = rate;
                if (failRate != null) {
                    break; // came down to a passing rate: the knee lies between it and the failure above
                }
                rate *= factor;
            } else if (passRate == null && rate / DOWN > MIN_RATE) {
                failRate = rate; // nothing has passed yet: step down until something does
                stoppedBy = "failed-step";
                rate /= DOWN;
            } else {
                failRate = rate;
                stoppedBy = "failed-step";
                break;
            }
        }
        if (passRate == null) {
            stoppedBy = "no-passing-rate";
            return;
        }
        if (failRate == null) {
            return;
        }
        double lo = passRate;
        double hi = failRate;
        for (int b = 0; b < bisections && System.nanoTime() < deadlineNanos; b++) {
            double mid = Math.sqrt(lo * hi);
            boolean passed = passes(mid, stepSeconds);
            if (disconnected) {
                stoppedBy = "disconnects";
                return;
            }
            if (passed) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    StepResult best() {
        StepResult best = null;
        for (StepResult r : steps) {
            if (r.passed() && (best == null || r.deliveredPerSecond() > best.deliveredPerSecond())) {
                best = r;
            }
        }
        return best;
    }

    private boolean passes(double rate, double seconds) throws IOException {
        for (int attempt = 0; attempt <= retries; attempt++) {
            StepResult r = runner.run("sweep" + steps.size() + (attempt > 0 ? "r" : ""), rate, seconds);
            steps.add(r);
            onStep.accept(r);
            if (r.disconnects() > 0) {
                disconnected = true;
                return false;
            }
            if (r.passed()) {
                return true;
            }
        }
        return false;
    }
}
