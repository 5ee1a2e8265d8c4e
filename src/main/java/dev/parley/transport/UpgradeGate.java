package dev.parley.transport;

import dev.parley.engine.EngineError;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
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

    private final transient EngineServer server;
    private final transient OriginPolicy origins;

    UpgradeGate(EngineServer server, OriginPolicy origins) {
        this.server = server;
        this.origins = origins;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            String origin = request.getHeader("Origin");
            if (!origins.allows(origin, request.getHeader("Host"))) {
                LOG.info(() -> "WebSocket from origin " + origin + " refused: not in parley.allowed-origins");
                PollingServlet.error(response, EngineError.FORBIDDEN);
                return;
            }
            EngineError error = refusal(server, request.getParameter("EIO"), request.getParameter("transport"),
                    request.getParameter("sid"));
            if (error != null) {
                LOG.fine(() -> "WebSocket upgrade refused: " + error.message());
                PollingServlet.error(response, error);
                return;
            }
        }
        chain.doFilter(request, response);
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
