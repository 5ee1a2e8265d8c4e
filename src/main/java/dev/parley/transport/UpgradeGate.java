package dev.parley.transport;

import dev.parley.engine.EngineError;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.URI;
import java.util.logging.Logger;

/**
 * Refuses, before the container switches protocols, a WebSocket upgrade that Engine.IO cannot take: a foreign
 * Origin (HTTP 403), a wrong protocol version or transport, or an unknown session (400). The answers are the
 * reference server's (the status and its JSON error), so a client sees its handshake fail, as with Node. Refusing
 * here also spares a close of the WebSocket on the container's thread right after it opened, which on Payara
 * races the connector (README, Production). A WebSocket for a session that is
 * upgrading or upgraded already is let through and closed once open ({@link WebSocketEndpoint}), as Node
 * does too: the official Engine.IO suite waits for that socket's close and fails on a refused handshake.
 * Mapped ahead of the container's WebSocket filter (Tyrus's, on Payara); where a container upgrades before
 * any filter runs, {@link WebSocketEndpoint} makes the same checks and closes such a socket with 1002.
 */
final class UpgradeGate extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(UpgradeGate.class.getName());

    /**
     * What the gate learnt of the upgrading request, for {@link HandshakeConfigurator}: Payara and WildFly both
     * run the handshake inside this filter's chain, on this thread (their cookie sign-in ITs go through here).
     */
    private static final ThreadLocal<Upgrade> UPGRADING = new ThreadLocal<>();

    /** The upgrade as the client made it: its HTTP session, if any, and its address and Host past any proxy. */
    record Upgrade(HttpSession session, String clientAddress, String host) {
    }

    private final transient EngineServer server;
    private final transient OriginPolicy origins;
    private final transient TrustedProxies proxies;

    UpgradeGate(EngineServer server, OriginPolicy origins, TrustedProxies proxies) {
        this.server = server;
        this.origins = origins;
        this.proxies = proxies;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            String origin = request.getHeader("Origin");
            String host = proxies.host(request);
            if (!origins.allows(origin, host)) {
                LOG.info(() -> "WebSocket from origin " + origin + " refused: not in parley.allowed-origins");
                PollingServlet.error(response, EngineError.FORBIDDEN);
                return;
            }
            // a query that is no URI: Tyrus parses it only after the switch, and fails, leaving 101 and silence
            EngineError error = !isUri(request.getRequestURI(), request.getQueryString()) ? EngineError.BAD_REQUEST
                    : refusal(server, request.getParameter("EIO"), request.getParameter("transport"),
                            request.getParameter("sid"));
            if (error != null) {
                LOG.fine(() -> "WebSocket upgrade refused: " + error.message());
                PollingServlet.error(response, error);
                return;
            }
            UPGRADING.set(new Upgrade(request.getSession(false), proxies.clientAddress(request), host));
            try {
                chain.doFilter(new ForWebSocketLayer(request), response);
            } finally {
                UPGRADING.remove();
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** The WebSocket upgrade running on this thread, if it passed this gate (else null). */
    static Upgrade upgrading() {
        return UPGRADING.get();
    }

    /**
     * The upgrade request as the container's WebSocket layer sees it. Without its HTTP session: Tyrus keeps
     * every upgrade handler it saw with a session in a map until that session ends, and with it the closed
     * connection's whole HTTP and WebSocket state (about 9 KB, for hours: a session lives 8 h idle; README,
     * Production). Parley has the session already, and ends a session's sockets itself ({@code SessionWatcher}).
     * And with the server's address for its local name: Tyrus asks for that name at every upgrade (for a field
     * Parley never reads), and Grizzly finds it by a reverse DNS lookup of the local address, not cached, on
     * the HTTP worker thread; with a DNS server that did not answer, every WebSocket took the resolver's
     * timeout to open (2 s each with a 2 s timeout, measured; HISTORY 2026-12-05, twentieth session).
     */
    private static final class ForWebSocketLayer extends HttpServletRequestWrapper {
        ForWebSocketLayer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession(boolean create) {
            return create ? super.getSession(true) : null;
        }

        @Override
        public String getLocalName() {
            return getLocalAddr();
        }
    }

    /** Whether the request's path and query form a URI: a malformed escape ({@code %zz}) does not. */
    static boolean isUri(String path, String query) {
        try {
            URI.create(query == null ? path : path + "?" + query);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Why a WebSocket with these query parameters cannot be this server's, or null if it can. */
    static EngineError refusal(EngineServer server, String eio, String transport, String sid) {
        EngineError error = server.verify(eio, transport, sid);
        if (error == null && !EngineServer.TRANSPORT_WEBSOCKET.equals(transport)) {
            error = EngineError.BAD_REQUEST;
        }
        if (error == null && sid != null) {
            EngineSession session = server.find(sid);
            if (session == null || session.expired()) {
                error = EngineError.BAD_REQUEST;
            }
        }
        return error;
    }
}
