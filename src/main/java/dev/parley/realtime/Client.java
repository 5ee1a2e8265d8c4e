package dev.parley.realtime;

import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.HandshakeData;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Packet;
import dev.parley.protocol.PacketDecoder;
import dev.parley.protocol.PacketType;
import dev.parley.protocol.ProtocolException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Socket.IO side of one Engine.IO connection: decodes its packets and multiplexes them over the
 * namespaces it joined (one {@link Socket} per namespace).
 */
final class Client implements EngineSession.Listener {

    private static final Logger LOG = Logger.getLogger(Client.class.getName());
    /** How long a connection cut off for flooding stays open, so that its DISCONNECT packets reach it. */
    private static final long CUT_OFF_CLOSE_MILLIS = 1000;

    private final SocketServer server;
    private final EngineSession engine;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> connectTimer;
    private final PacketBudget budget;
    private boolean cutOff;
    /** Namespaces this connection sent packets to without joining them, logged once each. */
    private Set<String> strayNamespaces;

    Client(SocketServer server, EngineSession engine) {
        this.server = server;
        this.engine = engine;
        // cut off before the answers to a flood (an ack and an error event per dropped event) could fill the
        // flooder's own outbound queue, which would close it as a slow client without telling it why
        int rate = server.packetRate();
        this.budget = new PacketBudget(rate, Math.min(PacketBudget.CUT_OFF_FACTOR * rate,
                server.outboundLimit() / 4), server.nanoTime());
        // a connection that never joins a namespace would hold resources for nothing
        this.connectTimer = server.timers().schedule(() -> {
            if (sockets.isEmpty()) {
                engine.close("connect timeout");
            }
        }, server.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    String id() {
        return engine.id();
    }

    @Override
    public synchronized void onMessage(String text) {
        Packet packet;
        try {
            packet = decoder.decode(text);
        } catch (ProtocolException e) {
            engine.protocolError("invalid Socket.IO packet: " + e.getMessage());
            return;
        }
        if (packet != null) {
            dispatch(packet);
        }
    }

    @Override
    public synchronized void onBinary(byte[] data) {
        Packet packet;
        try {
            packet = decoder.decode(data);
        } catch (ProtocolException e) {
            engine.protocolError("invalid Socket.IO attachment: " + e.getMessage());
            return;
        }
        if (packet != null) {
            dispatch(packet);
        }
    }

    private void dispatch(Packet packet) {
        boolean answer = packet.type() == PacketType.ACK || packet.type() == PacketType.BINARY_ACK;
        if (cutOff || !answer && !withinBudget(packet)) {
            return;
        }
        switch (packet.type()) {
            case CONNECT -> connect(packet);
            case DISCONNECT -> {
                Socket socket = sockets.remove(packet.namespace());
                if (socket != null) {
                    socket.closed("client namespace disconnect");
                }
            }
            case EVENT, BINARY_EVENT -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.onEvent(packet);
                } else {
                    notConnected(packet);
                }
            }
            case ACK, BINARY_ACK -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.onAck(packet);
                } else {
                    notConnected(packet);
                }
            }
            case CONNECT_ERROR -> engine.protocolError("CONNECT_ERROR sent by a client");
        }
    }

    /**
     * Takes the packet from the connection's budget. A dropped event that asked for an ack, and the first
     * drop of each second, go to the namespace's error handler (the chat answers "RateLimited"); a client
     * far over its budget has every namespace disconnected (no automatic reconnect) and is closed shortly after.
     */
    private boolean withinBudget(Packet packet) {
        PacketBudget.Verdict verdict = budget.take(server.nanoTime());
        if (verdict == PacketBudget.Verdict.ALLOW) {
            return true;
        }
        if (verdict == PacketBudget.Verdict.CUT_OFF) {
            LOG.warning(() -> who() + " cut off: over " + budget.cutOff()
                    + " packets dropped within a second, its budget being " + budget.perSecond() + "/s");
            cutOff = true;
            for (Socket socket : List.copyOf(sockets.values())) {
                socket.disconnect();
            }
            server.timers().schedule(() -> engine.close("packet flood"), CUT_OFF_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
            return false;
        }
        boolean tell = verdict == PacketBudget.Verdict.DROP_AND_TELL;
        if (tell) {
            LOG.warning(() -> who() + " over its budget of " + budget.perSecond() + " packets/s: dropping ("
                    + budget.dropped() + " so far)");
        }
        Socket socket = sockets.get(packet.namespace());
        boolean event = packet.type() == PacketType.EVENT || packet.type() == PacketType.BINARY_EVENT;
        if (socket != null && event && (tell || packet.hasId())) {
            socket.overBudget(packet);
        } else if (tell && packet.type() == PacketType.CONNECT && socket == null) {
            send(server.encode(Packet.connectError(packet.namespace(), "Too many packets; slow down", null)));
        }
        return false;
    }

    /**
     * A packet for a namespace this connection is not in: dropped, and logged once per namespace. Node closes the
     * whole connection instead; dropping spares the client's other namespaces when its packet crossed the
     * server's disconnect of that namespace.
     */
    private void notConnected(Packet packet) {
        if (strayNamespaces == null) {
            strayNamespaces = new HashSet<>();
        }
        if (strayNamespaces.add(packet.namespace())) {
            LOG.info(() -> who() + " sent " + packet.type() + " to namespace " + packet.namespace()
                    + ", which it has not joined: dropped (and any more there)");
        }
    }

    private String who() {
        String address = engine.handshake().remoteAddress();
        return "connection " + engine.id() + (address == null ? "" : " from " + address);
    }

    @SuppressWarnings("unchecked")
    private void connect(Packet packet) {
        String name = packet.namespace();
        if (sockets.containsKey(name)) {
            return; // already connected there; the client is repeating itself
        }
        Namespace namespace = server.namespace(name);
        if (namespace == null) {
            send(server.encode(Packet.connectError(name, "Invalid namespace", null)));
            return;
        }
        Map<String, Object> auth = packet.data() == null ? Map.of() : (Map<String, Object>) packet.data();
        ConnectionRecovery recovery = namespace.recovery();
        ConnectionRecovery.Claimed claimed = null;
        if (recovery != null && auth.get("pid") instanceof String pid && auth.get("offset") instanceof String offset) {
            claimed = recovery.claim(pid, offset);
        }
        Socket socket;
        if (claimed != null) {
            socket = new Socket(claimed.socketId(), namespace, this, handshake(auth), claimed.pid(), true);
            socket.data().putAll(claimed.data());
        } else {
            socket = new Socket(EngineServer.newId(), namespace, this, handshake(auth),
                    recovery == null ? null : EngineServer.newId(), false);
        }
        ConnectionRecovery.Claimed restore = claimed;
        namespace.admit(socket, refusal -> admitted(socket, restore, refusal));
    }

    /**
     * Middleware may decide on another thread: the client's lock is taken so that an event the client
     * sends as soon as it sees the CONNECT reply waits until the connection handlers have registered theirs.
     */
    private synchronized void admitted(Socket socket, ConnectionRecovery.Claimed claimed,
                                       Namespace.ConnectRefusal refusal) {
        String name = socket.namespace().name();
        if (!engine.isOpen()) {
            return;
        }
        if (refusal != null) {
            send(server.encode(Packet.connectError(name, refusal.message(), refusal.data())));
            return;
        }
        connectTimer.cancel(false);
        sockets.put(name, socket);
        Map<String, Object> ids = socket.pid() == null ? Map.of("sid", socket.id())
                : Map.of("sid", socket.id(), "pid", socket.pid());
        List<Frame> reply = List.of(server.encode(Packet.connect(name, ids)).get(0).settled());
        Namespace namespace = socket.namespace();
        if (claimed == null) {
            send(reply);
            namespace.connected(socket);
            return;
        }
        // On the wire: the CONNECT reply, the events it missed in order, then live ones; none lost or doubled.
        namespace.recovery().restore(claimed, () -> {
            namespace.reachable(socket);
            namespace.adapter().join(socket.id(), claimed.rooms());
            send(reply);
        }, this::send);
        namespace.runConnectionHandlers(socket);
    }

    private Handshake handshake(Map<String, Object> auth) {
        HandshakeData data = engine.handshake(); // its header names are lower-case already
        return new Handshake(auth, data.query(), data.headers(), data.remoteAddress(), data.attributes(),
                Instant.now());
    }

    boolean send(List<Frame> packet) {
        return engine.send(packet);
    }

    void detach(Socket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    void close(String reason) {
        engine.close(reason);
    }

    @Override
    public void onClose(String reason) {
        connectTimer.cancel(false);
        for (Socket socket : sockets.values()) {
            socket.closed(reason);
        }
        sockets.clear();
    }
}
