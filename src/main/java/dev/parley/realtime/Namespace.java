package dev.parley.realtime;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Packet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Socket.IO namespace: its middleware chain, connection handlers, connected sockets and rooms (through
 * its {@link Adapter}). A namespace created for a dynamic pattern also runs its parent's middleware and
 * handlers first.
 */
public final class Namespace {

    private static final Logger LOG = Logger.getLogger(Namespace.class.getName());

    private final String name;
    private final SocketServer server;
    private final ParentNamespace parent;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final Adapter adapter;
    /** Null unless connection state recovery is on. */
    private final ConnectionRecovery recovery;
    private volatile EventErrorHandler errorHandler;

    Namespace(String name, SocketServer server, ParentNamespace parent) {
        this.name = name;
        this.server = server;
        this.parent = parent;
        this.adapter = server.adapterFor(this);
        Duration window = server.recoveryWindow();
        this.recovery = window.isZero() ? null : new ConnectionRecovery(window);
        if (recovery != null) {
            long period = recovery.sweepPeriod().toMillis();
            server.timers().scheduleWithFixedDelay(recovery::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    public String name() {
        return name;
    }

    SocketServer server() {
        return server;
    }

    public Adapter adapter() {
        return adapter;
    }

    ConnectionRecovery recovery() {
        return recovery;
    }

    /**
     * Encodes an event (without ack) once for all its recipients and hands it to {@code deliver}. With
     * recovery on, the event carries an offset as its last argument and is kept, for a client that comes
     * back having missed it.
     */
    boolean emitEvent(List<Object> eventAndArgs, Set<String> rooms, Set<String> except,
                      Predicate<List<Frame>> deliver) {
        if (recovery == null) {
            return deliver.test(encodeEvent(eventAndArgs));
        }
        return recovery.send(eventAndArgs, this::encodeEvent, rooms, except, deliver);
    }

    private List<Frame> encodeEvent(List<Object> eventAndArgs) {
        return server.encode(Packet.event(name, eventAndArgs, Packet.NO_ID));
    }

    public Namespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    public Namespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    /** Replaces the default (a log line) for unknown events, unbindable payloads and failing handlers. */
    public Namespace onEventError(EventErrorHandler handler) {
        this.errorHandler = handler;
        return this;
    }

    public Broadcast to(String... rooms) {
        return new Broadcast(this, Set.of(rooms), Set.of());
    }

    /** To this instance's sockets only, when several share rooms (Node's {@code local} flag). */
    public Broadcast local() {
        return new Broadcast(this, Set.of(), Set.of()).local();
    }

    public Broadcast except(String... rooms) {
        return new Broadcast(this, Set.of(), Set.of(rooms));
    }

    /** Emits to every socket of this namespace. */
    public void emit(String event, Object... args) {
        new Broadcast(this, Set.of(), Set.of()).emit(event, args);
    }

    public Socket socket(String id) {
        return sockets.get(id);
    }

    public Collection<Socket> sockets() {
        return sockets.values();
    }

    /** Runs the middleware chain; {@code done} gets null to admit, or the rejection. */
    void admit(Socket socket, Consumer<ConnectRefusal> done) {
        List<Middleware> chain = new ArrayList<>();
        if (parent != null) {
            chain.addAll(parent.middlewares());
        }
        chain.addAll(middlewares);
        step(chain, 0, socket, done);
    }

    private void step(List<Middleware> chain, int index, Socket socket, Consumer<ConnectRefusal> done) {
        if (index == chain.size()) {
            done.accept(null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        Middleware.Next next = new Middleware.Next() {
            @Override
            public void proceed() {
                if (answered.compareAndSet(false, true)) {
                    step(chain, index + 1, socket, done);
                }
            }

            @Override
            public void reject(String message, Object data) {
                if (answered.compareAndSet(false, true)) {
                    done.accept(new ConnectRefusal(message, data));
                }
            }
        };
        try {
            chain.get(index).handle(socket, next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "middleware of namespace " + name + " failed", e);
            next.reject("Internal server error", null);
        }
    }

    /** The socket passed the middleware: it is now reachable and its connection handlers run. */
    void connected(Socket socket) {
        reachable(socket);
        runConnectionHandlers(socket);
    }

    /** The socket gets what is sent to it, to its id's room and to the namespace. */
    void reachable(Socket socket) {
        sockets.put(socket.id(), socket);
        adapter.join(socket.id(), List.of(socket.id()));
        server.registry().add(socket);
    }

    void runConnectionHandlers(Socket socket) {
        List<Consumer<Socket>> handlers = new ArrayList<>();
        if (parent != null) {
            handlers.addAll(parent.connectionHandlers());
        }
        handlers.addAll(connectionHandlers);
        for (Consumer<Socket> handler : handlers) {
            try {
                handler.accept(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection handler of namespace " + name + " failed", e);
            }
        }
    }

    void disconnected(Socket socket) {
        sockets.remove(socket.id());
        adapter.leaveAll(socket.id());
        server.registry().remove(socket);
    }

    EventErrorHandler errorHandler() {
        EventErrorHandler own = errorHandler;
        if (own != null) {
            return own;
        }
        EventErrorHandler inherited = parent == null ? null : parent.errorHandler();
        return inherited != null ? inherited : Namespace::defaultEventError;
    }

    /**
     * Logs; an event dropped by the packet budget that asked for an ack is answered, as the chat does, so that
     * its sender learns at once rather than at its timeout. Others stay unanswered, as on Node.
     */
    private static void defaultEventError(Socket socket, String event, EventErrorHandler.Kind kind, Exception cause,
                                          Ack ack) {
        if (kind == EventErrorHandler.Kind.RATE_LIMITED) {
            ack.send(Map.of("ok", false, "error", "RateLimited",
                    "message", "Too many packets; '" + event + "' was dropped"));
        }
        // drops are logged once a second by the connection, not one by one here
        Level level = switch (kind) {
            case HANDLER_FAILED -> Level.WARNING;
            case RATE_LIMITED -> Level.FINE;
            default -> Level.INFO;
        };
        LOG.log(level, "socket " + socket.id() + " on " + socket.namespace().name() + ": event '" + event + "': "
                + kind, cause);
    }

    /** Why the middleware refused a socket: the client's connect_error. */
    record ConnectRefusal(String message, Object data) {
    }
}
