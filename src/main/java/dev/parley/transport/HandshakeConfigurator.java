package dev.parley.transport;

import dev.parley.engine.EngineServer;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs at the WebSocket handshake: records the request's headers, checks its Origin, and lets the
 * application attach what the HTTP session (found from the cookie) tells about the user. Everything goes to
 * the connection's user properties, where {@link WebSocketEndpoint} picks it up.
 */
final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    static final String SERVER = "parley.engine";
    static final String HEADERS = "parley.headers";
    static final String ATTRIBUTES = "parley.attributes";
    static final String ORIGIN_REFUSED = "parley.originRefused";
    static final String LINGER = "parley.writeLinger";
    static final String CLIENT_ADDRESS = "parley.clientAddress";

    private final EngineServer server;
    private final OriginPolicy origins;
    private final Iterable<HandshakeAttributes> sources;
    private final WriteLinger linger;

    HandshakeConfigurator(EngineServer server, OriginPolicy origins, Iterable<HandshakeAttributes> sources,
                          WriteLinger linger) {
        this.server = server;
        this.origins = origins;
        this.sources = sources;
        this.linger = linger;
    }

    /**
     * A plain instance: the endpoint injects nothing, and the container's default makes every connection's
     * endpoint a CDI bean (on Payara, a new injection target per connection, 3% of opening one).
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass == WebSocketEndpoint.class) {
            return endpointClass.cast(new WebSocketEndpoint());
        }
        return super.getEndpointInstance(endpointClass);
    }

    /** The same-origin rule needs the Host header, which only modifyHandshake sees: the decision is made there. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    /**
     * The client's first subprotocol, as Node's {@code ws} picks by default: Engine.IO does not look at it, and a
     * client that offers one (socket.io-client's {@code protocols}) fails the handshake when none is chosen.
     */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String offered : requested) { // one header value may still hold the whole comma-separated list
            for (String protocol : offered.split(",")) {
                if (!protocol.isBlank()) {
                    return protocol.strip();
                }
            }
        }
        return "";
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        Map<String, List<String>> headers = new HashMap<>(request.getHeaders());
        String origin = first(headers, "origin");
        UpgradeGate.Upgrade gate = UpgradeGate.upgrading(); // what the gate saw of the request, behind proxies too
        String host = gate != null ? gate.host() : first(headers, "host");
        if (!origins.allows(origin, host)) {
            properties.put(ORIGIN_REFUSED, origin);
        }
        Map<String, Object> attributes = new HashMap<>();
        boolean cookies = origins.acceptsCookies(origin, host);
        Object session = cookies ? request.getHttpSession() : null;
        if (gate != null) {
            if (session == null && cookies) {
                session = gate.session(); // hidden from the container's WebSocket layer, see there
            }
            properties.put(CLIENT_ADDRESS, gate.clientAddress());
        }
        for (HandshakeAttributes source : sources) {
            source.contribute(session instanceof HttpSession http ? http : null, attributes);
        }
        properties.put(SERVER, server);
        if (linger != null) {
            properties.put(LINGER, linger);
        }
        properties.put(HEADERS, headers);
        properties.put(ATTRIBUTES, attributes);
    }

    /** Header names are case-insensitive; containers differ in how they store them. */
    static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
