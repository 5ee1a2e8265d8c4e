package dev.parley.engine;

import dev.parley.protocol.Frame;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue of packets waiting for one connection. An entry is one packet's frames (a binary
 * packet is several), so concurrent senders never interleave a packet's attachments. Entries are shared
 * with every other recipient of the same broadcast.
 */
final class OutboundQueue {

    private final Queue<List<Frame>> packets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int limit;

    OutboundQueue(int limit) {
        this.limit = limit;
    }

    /** False when the queue is full: the reader is too slow and must be dropped. */
    boolean offer(List<Frame> frames) {
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            return false;
        }
        packets.add(frames);
        return true;
    }

    List<Frame> poll() {
        List<Frame> frames = packets.poll();
        if (frames != null) {
            size.decrementAndGet();
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
