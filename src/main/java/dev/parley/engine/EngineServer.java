package dev.parley.engine;

import dev.parley.protocol.Frame;
import dev.parley.protocol.JsonWriter;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An Engine.IO v4 server: validates requests, opens sessions and finds them again by id. Transports
 * (WebSocket, polling) call it; what a session carries is up to the {@code connections} function, which
 * gives each new session its listener.
 */
public final class EngineServer {

    public static final String TRANSPORT_POLLING = "polling";
    public static final String TRANSPORT_WEBSOCKET = "websocket";

    private static final Logger LOG = Logger.getLogger(EngineServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineConfig config;
    private final ScheduledExecutorService timers;
    private final Function<EngineSession, EngineSession.Listener> connections;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    /** Told the reason of each session's close, once per session. */
    private volatile Consumer<String> closes = reason -> { };

    public EngineServer(EngineConfig config, ScheduledExecutorService timers,
                        Function<EngineSession, EngineSession.Listener> connections) {
        this.config = config;
        this.timers = timers;
        this.connections = connections;
    }

    public EngineConfig config() {
        return config;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Runs {@code task} on the engine's timer thread after {@code delay}; it must not block. */
    public void later(Runnable task, long delay, TimeUnit unit) {
        timers.schedule(task, delay, unit);
    }

    /**
     * Checks the query of a request: a known transport, for a request with a sid a live session, and EIO=4,
     * in Node's order, so a request wrong in several ways gets the answer Node gives. Returns null when the
     * request may proceed.
     */
    public EngineError verify(String eio, String transport, String sid) {
        if (!TRANSPORT_POLLING.equals(transport) && !TRANSPORT_WEBSOCKET.equals(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        if (sid != null && !sessions.containsKey(sid)) {
            return EngineError.UNKNOWN_SID;
        }
        if (!"4".equals(eio)) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        return null;
    }

    /** Opens a session on {@code transport} and sends the handshake (open) packet through it. */
    public EngineSession open(Transport transport, HandshakeData handshake) {
        String sid = newId();
        EngineSession session = new EngineSession(sid, this, transport, handshake);
        sessions.put(sid, session);
        boolean polling = TRANSPORT_POLLING.equals(transport.name());
        session.send(Frame.text(dev.parley.protocol.EnginePacketType.OPEN, openPayload(sid, polling)));
        session.start(connections.apply(session));
        return session;
    }

    public EngineSession find(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    public Collection<EngineSession> sessions() {
        return sessions.values();
    }

    void remove(EngineSession session, String reason) {
        sessions.remove(session.id(), session);
        try {
            closes.accept(reason);
        } catch (RuntimeException e) { // a listener's failure must not keep the session's close from finishing
            LOG.log(Level.WARNING, "Engine.IO session " + session.id() + ": close listener failed", e);
        }
    }

    /**
     * {@code listener} hears why each session closed ("ping timeout", "transport close", "slow client",
     * "parse error", ...: Node's engine.io reasons and Parley's own), on the closing thread: keep it short.
     */
    public void onClose(Consumer<String> listener) {
        this.closes = listener;
    }

    /** Closes every session, e.g. when the application stops. */
    public void closeAll() {
        for (EngineSession session : sessions.values()) {
            session.close("server shutting down");
        }
    }

    private String openPayload(String sid, boolean polling) {
        StringBuilder json = new StringBuilder(128).append("{\"sid\":");
        JsonWriter.writeString(sid, json);
        return json.append(",\"upgrades\":").append(polling ? "[\"websocket\"]" : "[]")
                .append(",\"pingInterval\":").append(config.pingInterval().toMillis())
                .append(",\"pingTimeout\":").append(config.pingTimeout().toMillis())
                .append(",\"maxPayload\":").append(config.maxPayload())
                .append('}').toString();
    }

    /** 120 random bits, URL-safe: session and socket ids. */
    public static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
