package dev.parley.bench;

/**
 * A fixed send schedule: message k is due at start + k / rate, whatever happened before it. Latency is
 * measured from that intended time, so a stalled server (or generator) cannot hide its stall by delaying
 * the sends that would have measured it (no coordinated omission). Senders take turns round-robin.
 */
final class Pacer {
    private final BenchConnection[] senders;
    private final int[] roomSizes;
    private final double intervalNanos;
    private final long start;
    private final long total;
    private final long epoch;
    private final String filler;
    private long k;

    Pacer(BenchConnection[] senders, int[] roomSizes, double ratePerSecond, double seconds, long start, long epoch, String filler) {
        this.senders = senders;
        this.roomSizes = roomSizes;
        this.intervalNanos = 1e9 / ratePerSecond;
        this.start = start;
        this.total = Math.round(ratePerSecond * seconds);
        this.epoch = epoch;
        this.filler = filler;
    }

    long nextDue() {
        return start + (long) (k * intervalNanos);
    }

    boolean finished() {
        return k >= total;
    }

    long endNanos() {
        return start + (long) (total * intervalNanos);
    }

    void sendDue(long now, Metrics m) {
        while (k < total) {
            long due = nextDue();
            if (due > now) {
                return;
            }
            BenchConnection sender = senders[(int) (k % senders.length)];
            k++;
            if (sender.state != BenchConnection.State.READY) {
                continue;
            }
            sender.sendMessage(due - epoch, filler);
            m.sent++;
            m.expected += roomSizes[sender.room];
            Metrics.record(m.sendLag, now - due);
        }
    }
}
