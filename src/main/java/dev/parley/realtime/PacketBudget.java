package dev.parley.realtime;

import java.util.concurrent.TimeUnit;

/**
 * How many Socket.IO packets (events, connects, disconnects; not acks, which answer the server) one
 * connection may send: a token bucket of {@code perSecond}, the same number as burst. Over it a packet is
 * dropped; the first drop of each second is told (to the client and the log, not every drop: a flood must
 * not become a flood of replies and log lines), and a connection that has more than {@code cutOff} packets
 * (by default ten times its allowance) dropped within one second is cut off. Not thread-safe: its {@link Client} calls it under its lock.
 */
final class PacketBudget {

    enum Verdict { ALLOW, DROP, DROP_AND_TELL, CUT_OFF }

    static final int CUT_OFF_FACTOR = 10;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int perSecond;
    private final int cutOff;
    private double tokens;
    private long refilledAt;
    private long windowStart;
    private int droppedInWindow;
    private long droppedTotal;

    /** A budget of {@code perSecond} packets a second; 0 or less: no limit. */
    PacketBudget(int perSecond, long now) {
        this(perSecond, CUT_OFF_FACTOR * perSecond, now);
    }

    PacketBudget(int perSecond, int cutOff, long now) {
        this.perSecond = perSecond;
        this.cutOff = cutOff;
        this.tokens = perSecond;
        this.refilledAt = now;
        this.windowStart = now;
    }

    Verdict take(long now) {
        if (perSecond <= 0) {
            return Verdict.ALLOW;
        }
        tokens = Math.min(perSecond, tokens + (now - refilledAt) / (double) SECOND * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        droppedTotal++;
        if (now - windowStart >= SECOND) {
            windowStart = now;
            droppedInWindow = 0;
        }
        droppedInWindow++;
        if (droppedInWindow > cutOff) {
            return Verdict.CUT_OFF;
        }
        return droppedInWindow == 1 ? Verdict.DROP_AND_TELL : Verdict.DROP;
    }

    int perSecond() {
        return perSecond;
    }

    int cutOff() {
        return cutOff;
    }

    /** Packets dropped over the connection's life. */
    long dropped() {
        return droppedTotal;
    }
}
