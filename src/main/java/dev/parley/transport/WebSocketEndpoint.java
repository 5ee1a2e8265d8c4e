package dev.parley.transport;

import dev.parley.engine.EngineError;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.HandshakeData;
import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.EnginePacket;
import dev.parley.protocol.ProtocolException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSR-356 endpoint of an Engine.IO mount, one instance per connection. Without a {@code sid} it opens a
 * new Engine.IO session; with one, it is a probe upgrading that polling session to WebSocket. It is
 * registered programmatically (see {@link EngineBootstrap}) because the path is configuration, not a
 * compile-time constant as {@code @ServerEndpoint} would need.
 */
public final class WebSocketEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());

    private WebSocketTransport transport;
    private int maxPayload;
    /** The upgrade's key until its request's header fields are given back, on the first message. */
    private String upgradeKey;

    @Override
    @SuppressWarnings("unchecked")
    public void onOpen(Session socket, EndpointConfig config) {
        Map<String, Object> properties = config.getUserProperties();
        EngineServer server = (EngineServer) properties.get(HandshakeConfigurator.SERVER);
        transport = new WebSocketTransport(socket, server, (WriteLinger) properties.get(HandshakeConfigurator.LINGER));
        Object refusedOrigin = properties.get(HandshakeConfigurator.ORIGIN_REFUSED);
        if (refusedOrigin != null) {
            LOG.info(() -> "WebSocket from origin " + refusedOrigin + " refused: not in parley.allowed-origins");
            transport.close(CloseReason.CloseCodes.VIOLATED_POLICY, "Origin not allowed");
            return;
        }
        Map<String, List<String>> query = socket.getRequestParameterMap();
        String sid = first(query, "sid");
        // UpgradeGate refused these before the upgrade where the container let it; a race, or WildFly, ends here
        EngineError error = UpgradeGate.refusal(server, first(query, "EIO"), first(query, "transport"), sid);
        if (error != null) {
            String reason = error.message();
            LOG.fine(() -> "WebSocket handshake refused: " + reason);
            transport.close(CloseReason.CloseCodes.PROTOCOL_ERROR, reason);
            return;
        }
        maxPayload = server.config().maxPayload();
        socket.setMaxTextMessageBufferSize(maxPayload);
        socket.setMaxBinaryMessageBufferSize(maxPayload);
        IdleTimerBypass.apply(socket); // first: setting the timeout re-arms the timer too
        // HandshakeData keeps its own copy of the headers; Tyrus's session copied the properties, and both live
        // as long as the socket
        var headers = (Map<String, List<String>>) properties.remove(HandshakeConfigurator.HEADERS);
        socket.getUserProperties().remove(HandshakeConfigurator.HEADERS);
        upgradeKey = HandshakeConfigurator.first(headers, "sec-websocket-key");
        UpgradedRequest.release(socket, upgradeKey);
        socket.setMaxIdleTimeout(0); // liveness is Engine.IO's ping/pong, not the container's idle timer
        String b64 = first(query, "b64");
        if (b64 != null && !b64.isEmpty()) { // socket.io-client's forceBase64; any value, as Node reads it
            transport.sendBinaryAsBase64();
        }
        socket.addMessageHandler(String.class, this::onText);
        socket.addMessageHandler(ByteBuffer.class, this::onBinary);
        // the gate's view of the client (past trusted proxies), where the upgrade went through it
        Object address = properties.remove(HandshakeConfigurator.CLIENT_ADDRESS);
        socket.getUserProperties().remove(HandshakeConfigurator.CLIENT_ADDRESS);
        if (sid == null) {
            HandshakeData handshake = new HandshakeData(query, headers,
                    address instanceof String client ? client : remoteAddress(socket),
                    (Map<String, Object>) properties.get(HandshakeConfigurator.ATTRIBUTES));
            transport.attach(server.open(transport, handshake));
            transport.flush(); // the open packet was queued before the transport knew its session
        } else {
            EngineSession session = server.find(sid);
            if (session == null || session.expired() || !session.beginProbe(transport)) {
                transport.close(CloseReason.CloseCodes.PROTOCOL_ERROR, EngineError.BAD_REQUEST.message());
                return;
            }
            transport.attach(session);
        }
    }

    private void onText(String text) {
        releaseHeaders();
        if (utf8Length(text) > maxPayload) { // in bytes, as Node counts; not every container enforces it on text
            tooBig();
            return;
        }
        EngineSession session = transport.engine();
        if (session == null) {
            return;
        }
        try {
            session.onPacket(transport, EngineCodec.decode(text));
        } catch (ProtocolException e) {
            rejected(session, e.getMessage());
        }
    }

    private void onBinary(ByteBuffer buffer) {
        releaseHeaders();
        if (buffer.remaining() > maxPayload) {
            tooBig();
            return;
        }
        EngineSession session = transport.engine();
        if (session == null) {
            return;
        }
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        session.onPacket(transport, EnginePacket.binaryMessage(data));
    }

    /**
     * On this connection's read path, where no other read of it runs meanwhile: the container's filters read
     * the upgrade's headers on every read, and emptied from another thread they met such a read; and once the
     * thread that served the upgrade is done with them (see {@link UpgradedRequest#releaseHeaders}).
     */
    private void releaseHeaders() {
        if (upgradeKey != null && UpgradedRequest.releaseHeaders(transport.socket(), upgradeKey)) {
            upgradeKey = null;
        }
    }

    private void rejected(EngineSession session, String why) {
        if (session.transport() == transport) {
            session.protocolError(why);
        } else {
            session.abandonProbe(transport);
        }
    }

    private void tooBig() {
        LOG.info("WebSocket message over maxPayload (" + maxPayload + " bytes); closing");
        transport.close(CloseReason.CloseCodes.TOO_BIG, "message over maxPayload"); // before the engine's own close
        EngineSession session = transport.engine();
        if (session != null) {
            session.onTransportClosed(transport, "transport error");
        }
    }

    @Override
    public void onClose(Session socket, CloseReason reason) {
        EngineSession session = transport == null ? null : transport.engine();
        if (session != null) {
            session.onTransportClosed(transport, "transport close");
        }
    }

    @Override
    public void onError(Session socket, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
        EngineSession session = transport == null ? null : transport.engine();
        if (session != null) {
            session.onTransportClosed(transport, "transport error");
        }
    }

    /** The text's size on the wire; counted only when its length alone cannot settle the limit. */
    private int utf8Length(String text) {
        int length = text.length();
        if (length > maxPayload || (long) length * 3 <= maxPayload) {
            return length;
        }
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * JSR-356 has no remote address. Tomcat puts it in a user property, Tyrus's session has
     * {@code getRemoteAddr()}, Undertow's channel a source address.
     */
    private static String remoteAddress(Session socket) {
        Object address = socket.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        if (address == null) {
            address = call(socket, "getRemoteAddr");
        }
        if (address == null) {
            Object channel = call(socket, "getWebSocketChannel");
            address = channel == null ? null : call(channel, "getSourceAddress");
        }
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        }
        return address == null ? null : address.toString();
    }

    private static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException | RuntimeException absent) {
            return null;
        }
    }
}
