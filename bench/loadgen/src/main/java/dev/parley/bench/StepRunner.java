package dev.parley.bench;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Runs one paced step against a connected population and measures it, server and generator alike. */
final class StepRunner {
    private static final long QUIET_NANOS = 300_000_000L;
    private static final long QUIESCE_LIMIT_NANOS = 15_000_000_000L;
    private static final boolean TIMELINE = "1".equals(System.getenv("BENCH_TIMELINE"));
    /** Always three decimals: Instant.toString() drops them on a whole second (a sweep died on that). */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final EventLoop loop;
    private final Population population;
    private final String filler;
    private final long drainNanos;

    StepRunner(EventLoop loop, Population population, int textLength, double drainSeconds) {
        this.loop = loop;
        this.population = population;
        this.filler = "x".repeat(Math.max(1, textLength - 22));
        this.drainNanos = (long) (drainSeconds * 1e9);
    }

    StepResult run(String label, double sentPerSecond, double seconds) throws IOException {
        // The generator's own collections must not land inside a step: its first young collection, copying
        // every connection's state, paused it for 140 ms in the third 2 000/s ack step of every run, and that
        // stall was counted as the server's latency. A full collection here, outside the measurement, leaves
        // the young generation empty and the connections' state old, so later young collections are short.
        System.gc();
        quiesce();
        population.countRoomSizes();
        Metrics m = loop.metrics;
        m.reset();
        long serverCpu0 = ProcStats.cpuMicros(loop.target.serverPid);
        long selfCpu0 = ProcStats.cpuMicros(ProcStats.selfPid());
        long serverCore0 = ProcStats.coreBusyMicros(loop.target.serverCore);
        long generatorCore0 = ProcStats.coreBusyMicros(loop.target.generatorCore);
        long start = System.nanoTime() + 2_000_000L;
        m.stepStart = start - loop.epoch;
        long wallStart = System.currentTimeMillis() + 2;
        Pacer pacer = new Pacer(population.senders, population.roomSizes, sentPerSecond, seconds, start, loop.epoch, filler);
        loop.runUntil(pacer::finished, pacer.endNanos() + drainNanos, pacer);
        // Drain: whatever is still under way may arrive; what has not arrived by the deadline is lost.
        loop.runUntil(() -> m.delivered >= m.expected && m.acked >= m.sent, System.nanoTime() + drainNanos, null);
        long wallMicros = (System.nanoTime() - start) / 1000;
        long serverCpu = ProcStats.cpuMicros(loop.target.serverPid) - serverCpu0;
        long selfCpu = ProcStats.cpuMicros(ProcStats.selfPid()) - selfCpu0;
        // Whatever else ran on our two cores (other processes on a shared machine) shows up here.
        long othersOnServerCore = Math.max(0, ProcStats.coreBusyMicros(loop.target.serverCore) - serverCore0 - serverCpu);
        long othersOnGeneratorCore = Math.max(0, ProcStats.coreBusyMicros(loop.target.generatorCore) - generatorCore0 - selfCpu);
        if (TIMELINE) {
            printTimeline(label, wallStart, (int) Math.ceil(seconds), m);
        }
        return new StepResult(label, sentPerSecond, m.delivered / seconds, m.sent, m.expected, m.delivered,
                m.sent - m.acked, m.ackFailures, m.disconnects,
                ms(m.endToEnd, 50), ms(m.endToEnd, 99), m.endToEnd.getMaxValue() / 1000.0, m.endToEnd.getTotalCount(),
                ms(m.ack, 50), ms(m.ack, 99), m.ack.getMaxValue() / 1000.0, ms(m.sendLag, 99),
                100.0 * serverCpu / wallMicros, m.delivered > 0 ? (double) serverCpu / m.delivered : 0,
                100.0 * selfCpu / wallMicros, 100.0 * othersOnServerCore / wallMicros, 100.0 * othersOnGeneratorCore / wallMicros);
    }

    /** Waits until no message has arrived for a while, so stragglers of an overloaded step do not count in the next. */
    private void quiesce() throws IOException {
        Metrics m = loop.metrics;
        long limit = System.nanoTime() + QUIESCE_LIMIT_NANOS;
        loop.runUntil(() -> System.nanoTime() - m.lastDeliveryNanos > QUIET_NANOS, limit, null);
    }

    /** The step's seconds with their wall-clock start, to set beside server and database logs. */
    private static void printTimeline(String label, long wallStart, int seconds, Metrics m) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "  %s from %s UTC, worst ack / e2e ms by second due:", label,
                CLOCK.format(Instant.ofEpochMilli(wallStart))));
        for (int s = 0; s < Math.min(seconds, Metrics.TIMELINE_SECONDS); s++) {
            line.append(' ').append(m.ackMaxBySecond[s] / 1000).append('/').append(m.endToEndMaxBySecond[s] / 1000);
        }
        System.out.println(line);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
