package dev.parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Raises the send rate geometrically until a step fails (p99 over the limit, or anything lost), then bisects
 * between the last pass and the first failure. The answer is the highest delivered rate of a passing step.
 */
final class Sweep {
    final List<StepResult> steps = new ArrayList<>();
    String stoppedBy = "max-steps";

    private final StepRunner runner;
    private final Consumer<StepResult> onStep;

    Sweep(StepRunner runner, Consumer<StepResult> onStep) {
        this.runner = runner;
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
            StepResult r = step(rate, stepSeconds);
            if (r.disconnects() > 0) {
                stoppedBy = "disconnects";
                return;
            }
            if (!r.passed()) {
                failRate = rate;
                stoppedBy = "failed-step";
                break;
            }
            passRate = rate;
            rate *= factor;
        }
        if (failRate == null) {
            return;
        }
        double lo = passRate == null ? startRate / factor : passRate;
        double hi = failRate;
        for (int b = 0; b < bisections && System.nanoTime() < deadlineNanos; b++) {
            double mid = Math.sqrt(lo * hi);
            StepResult r = step(mid, stepSeconds);
            if (r.disconnects() > 0) {
                stoppedBy = "disconnects";
                return;
            }
            if (r.passed()) {
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

    private StepResult step(double rate, double seconds) throws IOException {
        StepResult r = runner.run("sweep" + steps.size(), rate, seconds);
        steps.add(r);
        onStep.accept(r);
        return r;
    }
}
