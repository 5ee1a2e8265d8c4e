package dev.parley.engine;

import dev.parley.protocol.Frame;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The bounded queue of packets waiting for one connection. An entry is one packet's frames (a binary
 * packet is several), so concurrent senders never interleave a packet's attachments. Entries are shared
 * with every other recipient of the same broadcast.
 *
 * <p>Past its limit the queue is full only once it has stopped moving: nothing taken from it for
 * {@link #STALL_NANOS}, or ten times the limit waiting. A client that reads but is behind a burst is no slow
 * client: when 1 500 members of one room came back at once, each was sent some 800 join and presence events
 * within seconds while the server's one core was busy sending them all, and a queue that refused its
 * 1 001st packet closed connections that were reading: 2 289 such closes in one run, and the room never
 * settled (HISTORY, 2026-12-05, twentieth session).
 */
final class OutboundQueue {

    /** How long a queue past its limit may go without a packet taken from it before its client counts as slow. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Queue<List<Frame>> packets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int limit;
    private final LongSupplier clock;
    private static final long UNTIMED = Long.MIN_VALUE;

    /**
     * Past the limit: when a packet was last taken, or the queue went past it (clock time); {@link #UNTIMED}
     * below it. Whichever sender first finds it untimed sets it, so two crossing at once cannot read a stale one.
     */
    private volatile long movedAt = UNTIMED;

    OutboundQueue(int limit) {
        this(limit, System::nanoTime);
    }

    OutboundQueue(int limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** False when the queue is full: the reader is too slow and must be dropped. */
    boolean offer(List<Frame> frames) {
        int waiting = size.incrementAndGet();
        if (waiting > limit) { // the clock is read only out here, never on a queue that keeps up
            long now = clock.getAsLong();
            long moved = movedAt;
            if (moved == UNTIMED) {
                movedAt = now; // just past the limit: the stall is timed from here
                moved = now;
            }
            if (waiting > 10L * limit || now - moved > STALL_NANOS) {
                size.decrementAndGet();
                return false;
            }
        }
        packets.add(frames);
        return true;
    }

    List<Frame> poll() {
        List<Frame> frames = packets.poll();
        if (frames != null) {
            int before = size.getAndDecrement();
            if (before > limit) {
                movedAt = before == limit + 1 ? UNTIMED : clock.getAsLong();
            }
        }
        return frames;
    }

    List<Frame> peek() {
        return packets.peek();
    }

    int size() {
        return size.get();
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    void clear() {
        while (poll() != null) {
            // drop
        }
    }
}
