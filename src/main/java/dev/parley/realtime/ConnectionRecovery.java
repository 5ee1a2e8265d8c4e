package dev.parley.realtime;

import dev.parley.engine.EngineServer;
import dev.parley.protocol.Frame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Socket.IO's connection state recovery (socket.io 4.6, {@code connectionStateRecovery}) for one namespace.
 * While it is on, every event sent without an ack carries an offset as its last argument, and the namespace
 * keeps what it sent for the recovery window. A socket that lost its connection (network reasons only) is
 * kept as well; when the client comes back within the window with its private id ({@code pid}) and the
 * last offset it saw in the CONNECT {@code auth}, it gets its socket id, rooms and data back, and the events
 * it missed, in order; the client then reports {@code socket.recovered}.
 *
 * <p>Offsets are {@code <epoch>-<sequence>}: the epoch changes with every server start, so an offset from
 * before a restart is not found and the client connects afresh (the chat catches up from its history).
 */
final class ConnectionRecovery {

    /** Why a socket may come back: the network, not the client or the server deciding to end it. */
    private static final Set<String> RECOVERABLE = Set.of("transport close", "transport error", "ping timeout");

    private final Duration window;
    private final String epoch = EngineServer.newId();
    private final AtomicLong sequence = new AtomicLong();
    /** Highest sequence dropped from the log: an offset before it cannot be recovered from. */
    private final AtomicLong forgotten = new AtomicLong();
    private final ConcurrentLinkedDeque<Sent> log = new ConcurrentLinkedDeque<>();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /**
     * Events are numbered, kept and delivered under the read lock; a returning socket rejoins and catches up
     * under the write lock, so no event can be both in its catch-up and delivered live, or in neither.
     */
    private final ReadWriteLock order = new ReentrantReadWriteLock();

    ConnectionRecovery(Duration window) {
        this.window = window;
    }

    /** An event as it went out to {@code rooms} but {@code except} (rooms empty: the whole namespace). */
    private record Sent(long sequence, List<Frame> frames, Set<String> rooms, Set<String> except, long at) {
    }

    /** A socket that lost its connection, as it was. */
    private record Kept(String socketId, Set<String> rooms, Map<String, Object> data, long at) {
    }

    /** A kept socket claimed back by its client, which last saw the event numbered {@code after}. */
    record Claimed(String pid, String socketId, Set<String> rooms, Map<String, Object> data, long after) {
    }

    /**
     * Adds the next offset to the event's arguments, encodes it, keeps it and hands it to {@code deliver}.
     * Returns what {@code deliver} returned.
     */
    boolean send(List<Object> eventAndArgs, Function<List<Object>, List<Frame>> encode, Set<String> rooms,
                 Set<String> except, Predicate<List<Frame>> deliver) {
        order.readLock().lock();
        try {
            long next = sequence.incrementAndGet();
            eventAndArgs.add(epoch + "-" + next);
            List<Frame> frames = encode.apply(eventAndArgs);
            long now = System.currentTimeMillis();
            log.add(new Sent(next, frames, rooms, except, now));
            forgetBefore(now - window.toMillis());
            return deliver.test(frames);
        } finally {
            order.readLock().unlock();
        }
    }

    /**
     * Brings a claimed socket back: {@code rejoin} makes it reachable in its rooms and answers its CONNECT,
     * then {@code resend} gets each event it missed, in order; no event is delivered meanwhile.
     */
    void restore(Claimed socket, Runnable rejoin, Consumer<List<Frame>> resend) {
        order.writeLock().lock();
        try {
            rejoin.run();
            missed(socket).forEach(resend);
        } finally {
            order.writeLock().unlock();
        }
    }

    /** A socket left; if the network took it, it is kept for the window. */
    void left(String pid, String socketId, Set<String> rooms, Map<String, Object> data, String reason) {
        if (pid != null && RECOVERABLE.contains(reason)) {
            kept.put(pid, new Kept(socketId, Set.copyOf(rooms), Map.copyOf(data), System.currentTimeMillis()));
        }
    }

    /**
     * Drops what the window has passed: kept sockets, and events that no send has pushed out because the
     * namespace went quiet. Run periodically ({@link #sweepPeriod}), as Node's adapter does every minute.
     */
    void sweep() {
        long cutoff = System.currentTimeMillis() - window.toMillis();
        forgetBefore(cutoff);
        kept.values().removeIf(socket -> socket.at() < cutoff);
    }

    /** Events and sockets held for returning clients. */
    int held() {
        return log.size() + kept.size();
    }

    /** How often to {@link #sweep}: once a window, at most a minute apart. */
    Duration sweepPeriod() {
        return window.compareTo(Duration.ofMinutes(1)) < 0 ? window : Duration.ofMinutes(1);
    }

    /**
     * The kept socket of {@code pid}, if it is within the window and everything after {@code offset} is still
     * in the log; else null (unknown or expired pid, an offset from another server start or one that has left
     * the log) and the client connects afresh. A socket is claimed once.
     */
    Claimed claim(String pid, String offset) {
        Kept socket = kept.remove(pid);
        long now = System.currentTimeMillis();
        forgetBefore(now - window.toMillis());
        long after = sequenceOf(offset);
        if (socket == null || socket.at() < now - window.toMillis() || after < 0 || after < forgotten.get()) {
            return null;
        }
        return new Claimed(pid, socket.socketId(), socket.rooms(), socket.data(), after);
    }

    /** The events a claimed socket missed, in order. */
    private List<List<Frame>> missed(Claimed socket) {
        List<Sent> missed = new ArrayList<>();
        for (Sent sent : log) {
            if (sent.sequence() > socket.after() && reaches(sent, socket.rooms())) {
                missed.add(sent);
            }
        }
        // concurrent senders may have appended slightly out of order
        missed.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return missed.stream().map(Sent::frames).toList();
    }

    private static boolean reaches(Sent sent, Set<String> rooms) {
        boolean targeted = sent.rooms().isEmpty() || !Collections.disjoint(sent.rooms(), rooms);
        return targeted && Collections.disjoint(sent.except(), rooms);
    }

    private long sequenceOf(String offset) {
        String prefix = epoch + "-";
        if (offset == null || !offset.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(offset.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void forgetBefore(long cutoff) {
        for (Iterator<Sent> it = log.iterator(); it.hasNext(); ) {
            Sent oldest = it.next();
            if (oldest.at() >= cutoff) {
                break;
            }
            it.remove();
            forgotten.accumulateAndGet(oldest.sequence(), Math::max);
        }
    }
}
