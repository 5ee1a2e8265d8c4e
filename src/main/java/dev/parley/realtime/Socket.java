package dev.parley.realtime;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Packet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's connection to one namespace, as application code sees it: events in and out,
 * acknowledgements both ways, rooms, and free-form {@link #data()}.
 */
public final class Socket {

    private static final Logger LOG = Logger.getLogger(Socket.class.getName());
    private static final Set<String> RESERVED = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    private final String id;
    private final Namespace namespace;
    private final Client client;
    private final Handshake handshake;
    private final ConcurrentMap<String, Object> data = new ConcurrentHashMap<>();
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> disconnectingHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> disconnectHandlers = new CopyOnWriteArrayList<>();
    private final AtomicLong ackIds = new AtomicLong(1); // a new socket's first is 1, as the official suite expects
    private final Map<Long, PendingAck> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicBoolean connected = new AtomicBoolean(true);
    /** The private id a client recovers this socket with; null when recovery is off. */
    private final String pid;
    private final boolean recovered;

    Socket(String id, Namespace namespace, Client client, Handshake handshake, String pid, boolean recovered) {
        this.id = id;
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
        this.pid = pid;
        this.recovered = recovered;
    }

    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Application state attached to this socket (the signed-in user, for instance). */
    public ConcurrentMap<String, Object> data() {
        return data;
    }

    public boolean connected() {
        return connected.get();
    }

    /** Whether this is a socket that lost its connection and was recovered, with its id, rooms and data. */
    public boolean recovered() {
        return recovered;
    }

    String pid() {
        return pid;
    }

    /** The Engine.IO session id: shared by this client's sockets in every namespace. */
    public String connectionId() {
        return client.id();
    }

    public Socket on(String event, EventHandler handler) {
        handlers.put(event, handler);
        return this;
    }

    /** An event whose first argument binds to {@code type} (JSON-B); a payload that does not bind is an error. */
    public <T> Socket on(String event, Class<T> type, TypedEventHandler<T> handler) {
        return on(event, (args, ack) -> {
            T payload;
            try {
                payload = namespace.server().bind(args.isEmpty() ? null : args.get(0), type);
            } catch (RuntimeException e) {
                namespace.errorHandler().onError(this, event, EventErrorHandler.Kind.INVALID_PAYLOAD, e, ack);
                return;
            }
            handler.handle(payload, ack);
        });
    }

    /** Node's {@code disconnecting}: the socket is going, and {@link #rooms()} still lists its rooms. */
    public Socket onDisconnecting(Consumer<String> handler) {
        disconnectingHandlers.add(handler);
        return this;
    }

    /** The socket has gone and left its rooms. */
    public Socket onDisconnect(Consumer<String> handler) {
        disconnectHandlers.add(handler);
        return this;
    }

    /** Sends an event to this client. Returns false if the socket is no longer connected. */
    public boolean emit(String event, Object... args) {
        requireEmittable(event);
        return namespace.emitEvent(eventAndArgs(event, args), Set.of(id), Set.of(),
                frames -> connected.get() && client.send(frames));
    }

    /**
     * Sends an event the client must acknowledge. The future completes with the client's ack arguments, or
     * fails with {@link AckTimeoutException} after {@code timeout}, or when the socket disconnects first.
     */
    public CompletableFuture<List<Object>> emitWithAck(Duration timeout, String event, Object... args) {
        long ackId = ackIds.getAndIncrement();
        PendingAck pending = new PendingAck(new CompletableFuture<>());
        pendingAcks.put(ackId, pending); // before the timer exists: a zero timeout must find it
        pending.timer = namespace.server().timers().schedule(() -> {
            if (pendingAcks.remove(ackId) != null) {
                pending.answer.completeExceptionally(new AckTimeoutException(event));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!send(Packet.event(namespace.name(), eventAndArgs(event, args), ackId))) {
            failPending(ackId, "socket is disconnected");
        }
        return pending.answer;
    }

    /** Joins the rooms; nothing once the socket has gone (a join still in flight when it closed). */
    public void join(String... rooms) {
        namespace.adapter().join(id, List.of(rooms));
        if (!connected.get()) { // closed meanwhile: its leaveAll may have run before this join
            namespace.adapter().leaveAll(id);
        }
    }

    public void leave(String room) {
        namespace.adapter().leave(id, room);
    }

    public boolean inRoom(String room) {
        return namespace.adapter().isIn(id, room);
    }

    public Set<String> rooms() {
        return namespace.adapter().rooms(id);
    }

    /** Everyone in these rooms but this socket. */
    public Broadcast to(String... rooms) {
        return namespace.to(rooms).except(id);
    }

    /** Everyone in the namespace but this socket. */
    public Broadcast broadcast() {
        return namespace.except(id);
    }

    /** Disconnects from this namespace; the connection stays open for the client's other namespaces. */
    public void disconnect() {
        if (connected.get()) {
            send(Packet.disconnect(namespace.name()));
            client.detach(this);
            closed("server namespace disconnect");
        }
    }

    /** Disconnects from every namespace and closes the underlying connection. */
    public void disconnectAll() {
        client.close("forced close");
    }

    boolean send(Packet packet) {
        return connected.get() && client.send(namespace.server().encode(packet));
    }

    void sendEncoded(List<Frame> packet) {
        if (connected.get()) {
            client.send(packet);
        }
    }

    void onEvent(Packet packet) {
        String event = packet.eventName();
        Ack ack = ackFor(packet);
        EventHandler handler = handlers.get(event);
        if (handler == null) {
            namespace.errorHandler().onError(this, event, EventErrorHandler.Kind.UNKNOWN_EVENT, null, ack);
            return;
        }
        try {
            handler.handle(packet.args(), ack);
        } catch (RuntimeException e) {
            namespace.errorHandler().onError(this, event, EventErrorHandler.Kind.HANDLER_FAILED, e, ack);
        }
    }

    /** An event dropped by the connection's packet budget: the namespace's error handler answers it. */
    void overBudget(Packet packet) {
        namespace.errorHandler().onError(this, packet.eventName(), EventErrorHandler.Kind.RATE_LIMITED, null,
                ackFor(packet));
    }

    private Ack ackFor(Packet packet) {
        return packet.hasId() ? new ClientAck(packet.id()) : Ack.NONE;
    }

    void onAck(Packet packet) {
        PendingAck pending = pendingAcks.remove(packet.id());
        if (pending != null) {
            pending.cancelTimer();
            pending.answer.complete(packet.args());
        }
    }

    /** The socket left its namespace (either side, or the connection closed): clean up, then tell the app. */
    void closed(String reason) {
        if (!connected.compareAndSet(true, false)) {
            return;
        }
        ConnectionRecovery recovery = namespace.recovery();
        if (recovery != null) {
            recovery.left(pid, id, rooms(), data, reason);
        }
        run(disconnectingHandlers, reason);
        namespace.disconnected(this);
        for (Long ackId : List.copyOf(pendingAcks.keySet())) {
            failPending(ackId, "socket disconnected: " + reason);
        }
        run(disconnectHandlers, reason);
    }

    private void run(List<Consumer<String>> handlers, String reason) {
        for (Consumer<String> handler : handlers) {
            try {
                handler.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "disconnect handler of socket " + id + " failed", e);
            }
        }
    }

    private void failPending(long ackId, String why) {
        PendingAck pending = pendingAcks.remove(ackId);
        if (pending != null) {
            pending.cancelTimer();
            pending.answer.completeExceptionally(new IllegalStateException(why));
        }
    }

    static void requireEmittable(String event) {
        if (RESERVED.contains(event)) {
            throw new IllegalArgumentException("'" + event + "' is a reserved event name");
        }
    }

    static List<Object> eventAndArgs(String event, Object... args) {
        List<Object> list = new ArrayList<>(args.length + 1);
        list.add(event);
        list.addAll(java.util.Arrays.asList(args));
        return list;
    }

    /** An ack the client owes; its timer is set just after it is registered. */
    private static final class PendingAck {
        final CompletableFuture<List<Object>> answer;
        volatile ScheduledFuture<?> timer;

        PendingAck(CompletableFuture<List<Object>> answer) {
            this.answer = answer;
        }

        void cancelTimer() {
            ScheduledFuture<?> scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    /** The answer to one client event; a second send is ignored, as an ack id is single-use. */
    private final class ClientAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        ClientAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                Socket.this.send(Packet.ack(namespace.name(), java.util.Arrays.asList(args), ackId));
            }
        }

        @Override
        public boolean requested() {
            return true;
        }
    }
}
