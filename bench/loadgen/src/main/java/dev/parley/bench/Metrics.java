package dev.parley.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/** Counters and histograms of one measurement step. The event loop is single-threaded, so plain fields. */
final class Metrics {
    private static final long MAX_MICROS = 120_000_000L;

    long sent;
    long expected;
    long delivered;
    long acked;
    long ackFailures;
    long disconnects;
    long lastDeliveryNanos;
    /** Intended send time to arrival at a probe, microseconds. */
    final Histogram endToEnd = new Histogram(MAX_MICROS, 3);
    /** Intended send time to the ack arriving at the sender, microseconds. */
    final Histogram ack = new Histogram(MAX_MICROS, 3);
    /** How late the generator actually sent compared with its schedule: a generator health check. */
    final Histogram sendLag = new Histogram(MAX_MICROS, 3);
    /** TCP connect to Socket.IO CONNECT answered (or join-room acked), microseconds; kept across steps. */
    final Histogram handshake = new Histogram(MAX_MICROS, 3);
    /**
     * The worst ack and end-to-end latency, microseconds, by the second of the step in which each message was
     * due: shows whether a step's tail is one stall or spread over the step (BENCH_TIMELINE=1 prints it).
     */
    final long[] ackMaxBySecond = new long[TIMELINE_SECONDS];
    final long[] endToEndMaxBySecond = new long[TIMELINE_SECONDS];
    /** When the step began, nanoseconds after the loop's epoch, as the senders' intended times count. */
    long stepStart;
    static final int TIMELINE_SECONDS = 600;

    void reset() {
        sent = 0;
        expected = 0;
        delivered = 0;
        acked = 0;
        ackFailures = 0;
        disconnects = 0;
        endToEnd.reset();
        ack.reset();
        sendLag.reset();
        Arrays.fill(ackMaxBySecond, 0);
        Arrays.fill(endToEndMaxBySecond, 0);
    }

    /** Records into the histogram and into the timeline, by the second the message was due. */
    void recordLatency(Histogram h, long[] bySecond, long intended, long nanos) {
        record(h, nanos);
        long second = (intended - stepStart) / 1_000_000_000L;
        if (second >= 0 && second < bySecond.length) {
            bySecond[(int) second] = Math.max(bySecond[(int) second], nanos / 1000);
        }
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }
}
