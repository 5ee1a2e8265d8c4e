package dev.parley.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The generator's single thread: one selector for every connection, the send schedule and the clock. One
 * thread on one core keeps the generator's own cost low and visible (its CPU is read from /proc).
 */
final class EventLoop implements AutoCloseable {
    final Target target;
    final Metrics metrics = new Metrics();
    /** Timestamps inside messages count from here, so they stay positive and short. */
    final long epoch = System.nanoTime();

    private final Selector selector;
    /**
     * Ready sinks live here and are read in batches every sinkReadIntervalNanos: several frames per read
     * syscall instead of one keeps the generator's CPU low. Latency is measured only at probes and senders,
     * which stay on the eager selector; sinks only count, so reading them a few ms later changes no figure.
     */
    private final Selector sinks;
    private final long sinkReadIntervalNanos = Long.getLong("bench.sinkReadIntervalMs", 50L) * 1_000_000L;
    private long nextSinkRead;
    private final ByteBuffer shared = ByteBuffer.allocate(4 << 20);
    private final ArrayDeque<BenchConnection> waiting = new ArrayDeque<>();
    private int inFlight;
    private int ready;
    private int failed;
    private String firstFailure;
    private String firstAckFailure;
    private String firstDisconnect;

    EventLoop(Target target) throws IOException {
        this.target = target;
        this.selector = Selector.open();
        this.sinks = Selector.open();
    }

    /** Opened-connection counts and timing of {@link #open}. */
    record OpenResult(int ready, int failed, long firstStartNanos, long lastReadyNanos, String firstFailure) {
        double perSecond() {
            double seconds = (lastReadyNanos - firstStartNanos) / 1e9;
            return seconds > 0 ? ready / seconds : 0;
        }
    }

    /** Opens connections with at most maxInFlight handshakes under way; returns when each is ready or has failed. */
    OpenResult open(List<BenchConnection> connections, int maxInFlight, long timeoutNanos) throws IOException {
        waiting.addAll(connections);
        inFlight = 0;
        ready = 0;
        failed = 0;
        firstFailure = null;
        long start = System.nanoTime();
        long lastReady = start;
        long deadline = start + timeoutNanos;
        int total = connections.size();
        while (ready + failed < total && System.nanoTime() < deadline) {
            while (inFlight < maxInFlight && !waiting.isEmpty()) {
                BenchConnection c = waiting.poll();
                inFlight++;
                try {
                    c.connect(selector, System.nanoTime());
                } catch (IOException e) {
                    c.close("connect failed: " + e.getMessage());
                }
            }
            int before = ready;
            poll(1_000_000L);
            if (ready > before) {
                lastReady = System.nanoTime();
            }
        }
        for (BenchConnection c : connections) {
            if (c.state != BenchConnection.State.READY && c.state != BenchConnection.State.CLOSED) {
                c.close("not ready within the open timeout");
            }
        }
        waiting.clear();
        return new OpenResult(ready, failed, start, lastReady, firstFailure);
    }

    /** Runs the loop (and the pacer, if any) until done says so or the deadline passes; true if done. */
    boolean runUntil(BooleanSupplier done, long deadlineNanos, Pacer pacer) throws IOException {
        while (true) {
            long now = System.nanoTime();
            if (pacer != null) {
                pacer.sendDue(now, metrics);
            }
            if (done.getAsBoolean()) {
                return true;
            }
            if (now >= deadlineNanos) {
                return false;
            }
            long wait = deadlineNanos - now;
            if (pacer != null && !pacer.finished()) {
                wait = Math.min(wait, pacer.nextDue() - now);
            }
            poll(Math.min(wait, 50_000_000L));
        }
    }

    /** One select and dispatch. Waits at most maxWaitNanos (rounded up to a millisecond, the selector's unit). */
    private void poll(long maxWaitNanos) throws IOException {
        boolean batched = sinkReadIntervalNanos > 0;
        long wait = batched ? Math.min(maxWaitNanos, Math.max(0, nextSinkRead - System.nanoTime())) : maxWaitNanos;
        if (wait <= 0) {
            selector.selectNow();
        } else {
            selector.select(Math.max(1, (wait + 999_999) / 1_000_000));
        }
        long now = System.nanoTime();
        dispatch(selector, now);
        if (batched && now >= nextSinkRead) {
            sinks.selectNow();
            dispatch(sinks, System.nanoTime());
            nextSinkRead = now + sinkReadIntervalNanos;
        }
    }

    private void dispatch(Selector from, long now) {
        Iterator<SelectionKey> keys = from.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            BenchConnection c = (BenchConnection) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    c.onConnectable();
                } else {
                    if (key.isWritable()) {
                        c.onWritable();
                    }
                    if (key.isValid() && key.isReadable()) {
                        c.onReadable(shared, now);
                    }
                }
            } catch (IOException e) {
                c.close(e.getMessage());
            }
        }
    }

    void connectionReady(BenchConnection c) {
        inFlight--;
        ready++;
        Metrics.record(metrics.handshake, System.nanoTime() - c.startedAt);
        if (c.sink() && sinkReadIntervalNanos > 0) {
            try {
                c.moveTo(sinks);
            } catch (IOException e) {
                c.close("cannot move to the sink selector: " + e.getMessage());
            }
        }
    }

    void connectionClosed(BenchConnection c, BenchConnection.State was, String reason) {
        if (was == BenchConnection.State.READY) {
            metrics.disconnects++;
            if (firstDisconnect == null) {
                firstDisconnect = "connection " + c.index + ": " + reason;
            }
            return;
        }
        inFlight--;
        failed++;
        if (firstFailure == null) {
            firstFailure = "connection " + c.index + ": " + reason;
        }
    }

    void noteAckFailure(String ack) {
        if (firstAckFailure == null) {
            firstAckFailure = ack;
        }
    }

    String firstAckFailure() {
        return firstAckFailure;
    }

    String firstDisconnect() {
        return firstDisconnect;
    }

    /** Closes every connection quietly (they are no longer counted as disconnects). */
    void closeAll(List<BenchConnection> connections) {
        long disconnects = metrics.disconnects;
        for (BenchConnection c : connections) {
            c.close("bench finished");
        }
        metrics.disconnects = disconnects;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        sinks.close();
    }
}
