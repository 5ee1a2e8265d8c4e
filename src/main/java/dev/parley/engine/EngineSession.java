package dev.parley.engine;

import dev.parley.protocol.EnginePacket;
import dev.parley.protocol.EnginePacketType;
import dev.parley.protocol.Frame;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Engine.IO connection: its id, current transport, heartbeat, the upgrade from polling to WebSocket,
 * and the bounded queue of outbound packets. Knows nothing of Socket.IO: messages go to its {@link Listener}.
 */
public final class EngineSession {

    /** Receives what the client sends. Called by one thread at a time per session. */
    public interface Listener {
        void onMessage(String text);

        void onBinary(byte[] data);

        void onClose(String reason);
    }

    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());
    private static final long CLOSE_GRACE_MILLIS = 100;
    private static final Listener NO_LISTENER = new Listener() {
        public void onMessage(String text) { }

        public void onBinary(byte[] data) { }

        public void onClose(String reason) { }
    };

    private final String id;
    private final EngineServer server;
    private final HandshakeData handshake;
    private final OutboundQueue queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Transport transport;
    private volatile Transport probe;
    private volatile boolean upgraded;
    private volatile Listener listener = NO_LISTENER;
    private volatile ScheduledFuture<?> heartbeat;
    /** Set when a ping is sent, cleared by its pong. */
    private volatile boolean awaitingPong;
    /**
     * When the next pong is due at the latest (System.nanoTime): the ping's due time plus pingTimeout, as the
     * official test suite times it, a late ping timer notwithstanding.
     */
    private volatile long pongDeadline;
    /** The wait for this ping's pong was extended by another packet; under the lock. */
    private boolean pongWaitExtended;
    private volatile ScheduledFuture<?> upgradeTimer;
    private volatile ScheduledFuture<?> upgradeNoops;

    EngineSession(String id, EngineServer server, Transport transport, HandshakeData handshake) {
        this.id = id;
        this.server = server;
        this.transport = transport;
        this.handshake = handshake;
        this.queue = new OutboundQueue(server.config().outboundLimit());
        this.pongDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                server.config().pingInterval().toMillis() + server.config().pingTimeout().toMillis());
    }

    public String id() {
        return id;
    }

    public HandshakeData handshake() {
        return handshake;
    }

    public Transport transport() {
        return transport;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * True once the probe's ping was answered: the client is switching, and a parked poll is answered with a
     * no-op every 100 ms so that it can pause polling and send the upgrade packet. Polling carries packets
     * until then, as on Node. The no-ops' timer is that state: it runs from the probe's answer until the
     * upgrade completes or the probe is given up.
     */
    public boolean isUpgrading() {
        ScheduledFuture<?> noops = upgradeNoops;
        return noops != null && !noops.isDone();
    }

    public boolean isUpgraded() {
        return upgraded;
    }

    void start(Listener listener) {
        this.listener = listener;
        schedulePing();
    }

    /** Runs {@code task} on the engine's timer thread after {@code millis}; it must not block. */
    public void later(Runnable task, long millis) {
        server.later(task, millis, TimeUnit.MILLISECONDS);
    }

    /** Queues one packet (its frames) for the client. Returns false if the session is closed or overflowed. */
    public boolean send(List<Frame> frames) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(frames)) {
            LOG.warning(() -> "Engine.IO session " + id + ": outbound queue full (over "
                    + server.config().outboundLimit() + " packets and none sent for 5 s, or ten times that many),"
                    + " closing the slow client");
            close("slow client");
            return false;
        }
        if (!frames.isEmpty() && frames.get(0).isBroadcast()) {
            transport.flush();
        } else {
            transport.flushNow();
        }
        return true;
    }

    public boolean send(Frame frame) {
        return send(List.of(frame));
    }

    /** Next queued packet for the transport to write, or null. */
    public List<Frame> pollOutbound() {
        return queue.poll();
    }

    /** The next packet's frames without taking them, or null. */
    public List<Frame> peekOutbound() {
        return queue.peek();
    }

    /** Packets waiting for the transport. */
    public int outboundSize() {
        return queue.size();
    }

    public boolean hasOutbound() {
        return !queue.isEmpty();
    }

    /** A packet arrived on {@code from}: the current transport, or a WebSocket probing for the upgrade. */
    public void onPacket(Transport from, EnginePacket packet) {
        if (closed.get()) {
            return;
        }
        if (from != transport) {
            onProbePacket(from, packet);
            return;
        }
        if (awaitingPong && packet.type() != EnginePacketType.PONG) {
            extendPongWait();
        }
        switch (packet.type()) {
            case PONG -> schedulePing();
            case MESSAGE -> deliver(packet);
            case CLOSE -> clientClose();
            case NOOP, PING -> { } // clients of v4 do not ping; a stray one is harmless
            default -> protocolError("unexpected packet " + packet.type());
        }
    }

    /**
     * The client closes. A polling client may have its last GET still on the way (sent alongside the close):
     * wait a moment for it, so it is answered with a no-op rather than refused.
     */
    private void clientClose() {
        if (transport.idle()) {
            later(() -> close("transport close", false), CLOSE_GRACE_MILLIS);
        } else {
            close("transport close", false);
        }
    }

    private void deliver(EnginePacket packet) {
        try {
            if (packet.isBinary()) {
                listener.onBinary(packet.binary());
            } else {
                listener.onMessage(packet.text());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Engine.IO session " + id + ": message handler failed", e);
        }
    }

    /** The client sent something unparseable or out of place: log it, close only this connection. */
    public void protocolError(String what) {
        LOG.info(() -> "Engine.IO session " + id + ": " + what + "; closing");
        close("parse error");
    }

    /** A WebSocket arrived with this session's id: accept it as the upgrade probe if that is possible now. */
    public boolean beginProbe(Transport candidate) {
        synchronized (this) {
            if (closed.get() || upgraded || probe != null) {
                return false;
            }
            probe = candidate;
        }
        upgradeTimer = server.timers().schedule(() -> abandonProbe(candidate),
                server.config().upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private void onProbePacket(Transport from, EnginePacket packet) {
        if (from != probe) {
            from.close(false);
            return;
        }
        switch (packet.type()) {
            case PING -> {
                if (!"probe".equals(packet.text())) {
                    abandonProbe(from);
                    return;
                }
                from.sendDirect(new Frame("3probe", null));
                // as Node does: every 100 ms a parked poll is answered with a no-op, so the client can pause
                // polling and send the upgrade packet. Under the lock, so that a probe abandoned meanwhile
                // cannot miss these no-ops when it cancels them.
                synchronized (this) {
                    if (probe != from) {
                        return;
                    }
                    cancel(upgradeNoops);
                    upgradeNoops = server.timers().scheduleWithFixedDelay(transport::upgrading, 100, 100,
                            TimeUnit.MILLISECONDS);
                }
                if (closed.get()) { // closed while they were scheduled: close() may have cancelled none
                    cancel(upgradeNoops);
                }
            }
            case UPGRADE -> completeUpgrade(from);
            default -> abandonProbe(from);
        }
    }

    private void completeUpgrade(Transport websocket) {
        Transport polling;
        synchronized (this) {
            polling = transport;
            transport = websocket;
            probe = null;
            upgraded = true;
        }
        cancel(upgradeTimer);
        cancel(upgradeNoops);
        polling.discard();
        websocket.flush();
    }

    /** The probe failed, timed out or closed: polling goes on as before. */
    public void abandonProbe(Transport candidate) {
        synchronized (this) {
            if (probe != candidate) {
                return;
            }
            probe = null;
        }
        cancel(upgradeTimer);
        cancel(upgradeNoops);
        candidate.close(false);
        transport.flush();
    }

    /** The underlying connection of {@code from} is gone. */
    public void onTransportClosed(Transport from, String reason) {
        if (from == transport) {
            close(reason, false);
        } else {
            abandonProbe(from);
        }
    }

    // Heartbeat state changes under the session lock: a pong can arrive before ping() has armed its timeout.
    private synchronized void schedulePing() {
        cancel(heartbeat);
        awaitingPong = false;
        if (!closed.get()) {
            long interval = server.config().pingInterval().toMillis();
            pongDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(interval
                    + server.config().pingTimeout().toMillis());
            heartbeat = server.timers().schedule(this::ping, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void ping() {
        synchronized (this) {
            if (closed.get()) {
                return;
            }
            awaitingPong = true;
            pongWaitExtended = false;
            closeAtPongDeadline();
        }
        send(Frame.PING);
    }

    /**
     * A packet other than the pong came while the pong is awaited: the client is alive, and its pong may be
     * queued behind a long upload. As Node's engine.io does, the wait starts again, once per ping.
     */
    private synchronized void extendPongWait() {
        if (awaitingPong && !pongWaitExtended && !closed.get() && System.nanoTime() - pongDeadline <= 0) {
            pongWaitExtended = true;
            cancel(heartbeat);
            pongDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(server.config().pingTimeout().toMillis());
            closeAtPongDeadline();
        }
    }

    private void closeAtPongDeadline() {
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(pongDeadline - System.nanoTime()));
        heartbeat = server.timers().schedule(() -> close("ping timeout"), left, TimeUnit.MILLISECONDS);
    }

    /**
     * True (and the session closed) when the pong is overdue. The timer closes such a session too, but a
     * request may arrive before a busy timer thread has run: the deadline, not the timer, decides.
     */
    public boolean expired() {
        if (!closed.get() && System.nanoTime() - pongDeadline > 0) {
            close("ping timeout");
        }
        return closed.get();
    }

    /** Server-side close: tells the client when the transport can. */
    public void close(String reason) {
        close(reason, true);
    }

    private void close(String reason, boolean notifyClient) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cancel(heartbeat);
        cancel(upgradeTimer);
        cancel(upgradeNoops);
        server.remove(this, reason);
        Transport pendingProbe = probe;
        if (pendingProbe != null) {
            pendingProbe.close(false);
        }
        transport.close(notifyClient);
        queue.clear();
        try {
            listener.onClose(reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Engine.IO session " + id + ": close handler failed", e);
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
