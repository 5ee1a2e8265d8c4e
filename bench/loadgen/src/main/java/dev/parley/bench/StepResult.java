package dev.parley.bench;

import java.util.Locale;
import java.util.Properties;

/** The outcome of one paced load step: what was offered, what arrived, how late, and at what CPU cost. */
record StepResult(
        String label,
        double sentPerSecond,
        double deliveredPerSecond,
        long sent,
        long expected,
        long delivered,
        long unacked,
        long ackFailures,
        long disconnects,
        double e2eP50Ms,
        double e2eP99Ms,
        double e2eMaxMs,
        long e2eSamples,
        double ackP50Ms,
        double ackP99Ms,
        double ackMaxMs,
        double sendLagP99Ms,
        double serverCpuPercent,
        double serverCpuMicrosPerDelivered,
        double generatorCpuPercent,
        double othersOnServerCorePercent,
        double othersOnGeneratorCorePercent) {

    static final double P99_LIMIT_MS = 100;
    /** Above this the generator may be what limits the step, so the step says nothing about the server. */
    static final double GENERATOR_CPU_LIMIT = 90;

    long lost() {
        return Math.max(0, expected - delivered);
    }

    boolean passed() {
        return lost() == 0 && unacked == 0 && ackFailures == 0 && disconnects == 0 && e2eSamples > 0 && e2eP99Ms < P99_LIMIT_MS;
    }

    boolean generatorSaturated() {
        return generatorCpuPercent > GENERATOR_CPU_LIMIT;
    }

    String verdict() {
        String v = passed() ? "PASS" : "FAIL";
        return generatorSaturated() ? v + " (GENERATOR SATURATED)" : v;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-10s %9s %11s %9s %6s %8s %8s %8s %8s %8s %7s %8s %6s %9s  %s",
                "step", "sent/s", "deliv/s", "lost", "unack", "e2e p50", "e2e p99", "e2e max", "ack p50", "ack p99",
                "srv cpu", "us/deliv", "gen", "others", "verdict");
    }

    String line() {
        return String.format(Locale.ROOT, "%-10s %9.0f %11.0f %9d %6d %8.2f %8.2f %8.1f %8.2f %8.2f %6.0f%% %8.2f %5.0f%% %3.0f%%/%3.0f%%  %s",
                label, sentPerSecond, deliveredPerSecond, lost(), unacked, e2eP50Ms, e2eP99Ms, e2eMaxMs, ackP50Ms, ackP99Ms,
                serverCpuPercent, serverCpuMicrosPerDelivered, generatorCpuPercent,
                othersOnServerCorePercent, othersOnGeneratorCorePercent, verdict()
                        + (disconnects > 0 ? " disconnects=" + disconnects : "") + (ackFailures > 0 ? " ackFailures=" + ackFailures : ""));
    }

    void store(Properties p, String prefix) {
        p.setProperty(prefix + "label", label);
        p.setProperty(prefix + "sent_per_s", fmt(sentPerSecond));
        p.setProperty(prefix + "delivered_per_s", fmt(deliveredPerSecond));
        p.setProperty(prefix + "sent", Long.toString(sent));
        p.setProperty(prefix + "lost", Long.toString(lost()));
        p.setProperty(prefix + "unacked", Long.toString(unacked));
        p.setProperty(prefix + "ack_failures", Long.toString(ackFailures));
        p.setProperty(prefix + "disconnects", Long.toString(disconnects));
        p.setProperty(prefix + "e2e_p50_ms", fmt(e2eP50Ms));
        p.setProperty(prefix + "e2e_p99_ms", fmt(e2eP99Ms));
        p.setProperty(prefix + "e2e_max_ms", fmt(e2eMaxMs));
        p.setProperty(prefix + "ack_p50_ms", fmt(ackP50Ms));
        p.setProperty(prefix + "ack_p99_ms", fmt(ackP99Ms));
        p.setProperty(prefix + "ack_max_ms", fmt(ackMaxMs));
        p.setProperty(prefix + "send_lag_p99_ms", fmt(sendLagP99Ms));
        p.setProperty(prefix + "server_cpu_pct", fmt(serverCpuPercent));
        p.setProperty(prefix + "server_cpu_us_per_delivered", fmt(serverCpuMicrosPerDelivered));
        p.setProperty(prefix + "generator_cpu_pct", fmt(generatorCpuPercent));
        p.setProperty(prefix + "others_on_server_core_pct", fmt(othersOnServerCorePercent));
        p.setProperty(prefix + "others_on_generator_core_pct", fmt(othersOnGeneratorCorePercent));
        p.setProperty(prefix + "passed", Boolean.toString(passed()));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
