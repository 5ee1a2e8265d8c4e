package dev.parley.transport;

import dev.parley.engine.EngineError;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.HandshakeData;
import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.EnginePacket;
import dev.parley.protocol.ProtocolException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP long-polling for one Engine.IO mount: the handshake GET, parked GETs, POSTs of packets, CORS.
 * Registered programmatically by {@link EngineBootstrap} at the mount's path.
 */
final class PollingServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(PollingServlet.class.getName());

    private final EngineServer server;
    private final OriginPolicy origins;
    private final TrustedProxies proxies;
    private final Iterable<HandshakeAttributes> sources;
    /** Sessions with a POST being read: Engine.IO allows one at a time. */
    private final Map<String, Boolean> posting = new ConcurrentHashMap<>();

    PollingServlet(EngineServer server, OriginPolicy origins, TrustedProxies proxies,
                   Iterable<HandshakeAttributes> sources) {
        this.server = server;
        this.origins = origins;
        this.proxies = proxies;
        this.sources = sources;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            PollingTransport.writeResumed(request, response); // a parked GET, answered
            return;
        }
        String origin = request.getHeader("Origin");
        String host = proxies.host(request);
        if (!origins.allows(origin, host)) {
            LOG.info(() -> "polling request from origin " + origin + " refused: not in parley.allowed-origins");
            error(response, EngineError.FORBIDDEN);
            return;
        }
        if (origins.trusts(origin, host)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.addHeader("Vary", "Origin");
        } else if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", "*"); // let in by "*" alone: no credentials
        }
        response.setHeader("Cache-Control", "no-store"); // a proxy must never answer a poll from its cache
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST");
            String requested = request.getHeader("Access-Control-Request-Headers");
            if (requested != null) {
                response.setHeader("Access-Control-Allow-Headers", requested);
                response.addHeader("Vary", "Access-Control-Request-Headers"); // the answer depends on it
            }
            response.setStatus(204);
            return;
        }
        // From the query string only: getParameter would read a POST sent as a form (curl -d, a hand-written
        // client) as form fields, and its Engine.IO payload would be gone before post() reads the body.
        String sid = queryParameter(request, "sid");
        String transport = queryParameter(request, "transport");
        EngineError error = server.verify(queryParameter(request, "EIO"), transport, sid);
        if (error == null && !EngineServer.TRANSPORT_POLLING.equals(transport)) {
            error = EngineError.BAD_REQUEST; // a WebSocket URL reached us without an upgrade
        }
        if (error != null) {
            error(response, error);
            return;
        }
        if (sid == null) {
            if ("GET".equals(method)) {
                handshake(request, response);
            } else {
                error(response, EngineError.BAD_HANDSHAKE_METHOD);
            }
            return;
        }
        EngineSession session = server.find(sid);
        if (session == null || session.expired() || !(session.transport() instanceof PollingTransport polling)) {
            error(response, EngineError.BAD_REQUEST); // gone, or upgraded to WebSocket
            return;
        }
        switch (method) {
            case "GET" -> {
                if (!polling.poll(request, response)) {
                    error(response, EngineError.BAD_REQUEST);
                    session.protocolError("overlapping GET requests");
                }
            }
            case "POST" -> post(session, polling, request, response);
            default -> error(response, EngineError.BAD_REQUEST);
        }
    }

    private void handshake(HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> attributes = new HashMap<>();
        // as on WebSocket; a browser sends none to a page let in by "*" alone, which gets no CORS credentials
        HttpSession httpSession = origins.acceptsCookies(request.getHeader("Origin"), proxies.host(request))
                ? request.getSession(false) : null;
        for (HandshakeAttributes source : sources) {
            source.contribute(httpSession, attributes);
        }
        HandshakeData handshake = new HandshakeData(query(request), headers(request), proxies.clientAddress(request),
                attributes);
        PollingTransport transport = new PollingTransport(server);
        EngineSession session = server.open(transport, handshake);
        transport.attach(session);
        transport.poll(request, response); // answers at once with the open packet
    }

    private void post(EngineSession session, PollingTransport polling, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (posting.putIfAbsent(session.id(), Boolean.TRUE) != null) {
            error(response, EngineError.BAD_REQUEST);
            session.protocolError("overlapping POST requests");
            return;
        }
        try {
            String body = readBody(request, server.config().maxPayload());
            if (body == null) {
                LOG.info(() -> "polling POST over maxPayload for session " + session.id() + "; closing");
                response.setStatus(413); // no body, as Node; sendError would send the container's HTML page
                response.setContentLength(0);
                session.close("transport error");
                return;
            }
            List<EnginePacket> packets;
            try {
                packets = EngineCodec.decodePayload(body);
            } catch (ProtocolException e) {
                error(response, EngineError.BAD_REQUEST);
                session.protocolError(e.getMessage());
                return;
            }
            if (session.transport() != polling) { // upgraded while the body was read: as Node, a mismatch
                error(response, EngineError.BAD_REQUEST);
                LOG.info(() -> "polling POST for session " + session.id() + " after its upgrade to WebSocket: refused");
                return;
            }
            for (EnginePacket packet : packets) {
                session.onPacket(polling, packet);
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/html; charset=UTF-8");
            response.setContentLength(ok.length);
            response.getOutputStream().write(ok);
        } finally {
            posting.remove(session.id());
        }
    }

    /** The body as UTF-8, or null if it exceeds {@code limit} bytes. */
    private static String readBody(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (body.size() + n > limit) {
                    return null;
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    static void error(HttpServletResponse response, EngineError error) {
        byte[] body = error.json().getBytes(StandardCharsets.UTF_8);
        response.setStatus(error.httpStatus());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException gone) { // the client left before its answer: nothing to tell, nothing to log loudly
            LOG.log(Level.FINE, "error answer not written", gone);
        }
    }

    /** The first value of a query-string parameter, decoded, or null; never reads the body. */
    static String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a bad escape: left as sent, so it matches nothing and verify() refuses it
        }
    }

    private static Map<String, List<String>> query(HttpServletRequest request) {
        Map<String, List<String>> query = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
        return query;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
