package dev.parley.bench;

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
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }
}
