package dev.parley.transport;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the WebSocket handshake passes on of the visitor's HTTP session, by the page's Origin. */
class HandshakeConfiguratorTest {

    private static final HttpSession SIGNED_IN = (HttpSession) Proxy.newProxyInstance(
            HttpSession.class.getClassLoader(), new Class<?>[] {HttpSession.class}, (proxy, method, args) -> null);

    @Test
    void aPageLetInByTheWildcardAloneConnectsButNotAsTheVisitor() {
        List<HttpSession> seen = handshake(List.of("*"), "https://anyone.example");
        assertEquals(1, seen.size());
        assertEquals(null, seen.get(0), "the cookie's session is not the page's to use");
    }

    @Test
    void thisServersPageAListedOneAndAClientWithoutAPageAreSignedInByTheCookie() {
        assertTrue(handshake(List.of("*"), "http://chat.example").get(0) == SIGNED_IN, "same origin");
        assertTrue(handshake(List.of("https://app.example"), "https://app.example").get(0) == SIGNED_IN, "listed");
        assertTrue(handshake(List.of(), null).get(0) == SIGNED_IN, "no Origin");
    }

    @Test
    void aPageNotLetInIsRefusedAndGetsNoSessionEither() {
        ServerEndpointConfig config = config(List.of());
        List<HttpSession> seen = new ArrayList<>();
        configurator(List.of(), seen).modifyHandshake(config, request("https://evil.example"), null);
        assertEquals("https://evil.example", config.getUserProperties().get(HandshakeConfigurator.ORIGIN_REFUSED));
        assertFalse(seen.get(0) == SIGNED_IN);
    }

    /** The sessions the handshake's attribute sources were given, for a request from {@code origin}. */
    private static List<HttpSession> handshake(List<String> allowed, String origin) {
        List<HttpSession> seen = new ArrayList<>();
        ServerEndpointConfig config = config(allowed);
        configurator(allowed, seen).modifyHandshake(config, request(origin), (HandshakeResponse) null);
        assertFalse(config.getUserProperties().containsKey(HandshakeConfigurator.ORIGIN_REFUSED));
        return seen;
    }

    private static HandshakeConfigurator configurator(List<String> allowed, List<HttpSession> seen) {
        return new HandshakeConfigurator(null, new OriginPolicy(allowed), List.of((session, attributes) -> seen.add(session)),
                null);
    }

    private static ServerEndpointConfig config(List<String> allowed) {
        return ServerEndpointConfig.Builder.create(WebSocketEndpoint.class, "/socket.io/")
                .configurator(configurator(allowed, new ArrayList<>())).build();
    }

    private static HandshakeRequest request(String origin) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("chat.example"));
        if (origin != null) {
            headers.put("origin", List.of(origin));
        }
        return new HandshakeRequest() {
            @Override
            public Map<String, List<String>> getHeaders() {
                return headers;
            }

            @Override
            public Principal getUserPrincipal() {
                return null;
            }

            @Override
            public URI getRequestURI() {
                return URI.create("ws://chat.example/socket.io/?EIO=4&transport=websocket");
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public Object getHttpSession() {
                return SIGNED_IN;
            }

            @Override
            public Map<String, List<String>> getParameterMap() {
                return Map.of();
            }

            @Override
            public String getQueryString() {
                return "EIO=4&transport=websocket";
            }
        };
    }
}
