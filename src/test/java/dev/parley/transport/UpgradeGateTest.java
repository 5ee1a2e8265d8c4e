package dev.parley.transport;

import dev.parley.engine.EngineConfig;
import dev.parley.engine.EngineServer;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What the container's WebSocket layer (Tyrus, on Payara) gets from the gate for an upgrade it lets through:
 * the request, through the filter chain as the container calls it.
 */
class UpgradeGateTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void theWebSocketLayerGetsTheServersAddressForItsNameAndNoSession() throws Exception {
        HttpSession session = proxy(HttpSession.class, Map.of("getId", "s1"));
        // the real request's getLocalName is a reverse DNS lookup on Payara: it must not be called
        HttpServletRequest upgrade = proxy(HttpServletRequest.class, Map.of(
                "getHeader:Upgrade", "websocket",
                "getRequestURI", "/socket.io/",
                "getQueryString", "EIO=4&transport=websocket",
                "getParameter:EIO", "4",
                "getParameter:transport", "websocket",
                "getSession", session,
                "getRemoteAddr", "127.0.0.1",
                "getLocalAddr", "192.0.2.2"));
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        AtomicReference<UpgradeGate.Upgrade> seenByConfigurator = new AtomicReference<>();

        gate("").doFilter(upgrade, proxy(HttpServletResponse.class, Map.of()), (request, response) -> {
            passed.set(request);
            seenByConfigurator.set(UpgradeGate.upgrading());
        });

        HttpServletRequest tyrusSees = (HttpServletRequest) passed.get();
        assertEquals("192.0.2.2", tyrusSees.getLocalName());
        assertNull(tyrusSees.getSession(false));
        assertSame(session, seenByConfigurator.get().session(), "the handshake's configurator still finds the session");
        assertNull(UpgradeGate.upgrading(), "nothing left on the thread after the upgrade");
    }

    @Test
    void behindATrustedProxyThePagesOwnOriginIsLetInAndTheClientsAddressIsKept() throws Exception {
        // the proxy serves https://chat.example and passes its own address and Host on
        Map<String, Object> viaProxy = new HashMap<>(Map.of(
                "getHeader:Upgrade", "websocket",
                "getHeader:Origin", "https://chat.example",
                "getHeader:Host", "parley-1:8080",
                "getHeader:X-Forwarded-Host", "chat.example",
                "getHeaders:X-Forwarded-For", Collections.enumeration(List.of("203.0.113.7")),
                "getRemoteAddr", "10.1.2.3",
                "getRequestURI", "/socket.io/",
                "getQueryString", "EIO=4&transport=websocket",
                "getParameter:EIO", "4",
                "getParameter:transport", "websocket"));
        viaProxy.put("getSession", null);
        AtomicReference<UpgradeGate.Upgrade> seen = new AtomicReference<>();

        gate("10.0.0.0/8").doFilter(proxy(HttpServletRequest.class, viaProxy), proxy(HttpServletResponse.class, Map.of()),
                (request, response) -> seen.set(UpgradeGate.upgrading()));

        assertEquals(new UpgradeGate.Upgrade(null, "203.0.113.7", "chat.example"), seen.get());
    }

    @Test
    void fromAnyOtherPeerTheForwardedHeadersAreNotBelieved() throws Exception {
        AtomicReference<String> refused = new AtomicReference<>();
        Map<String, Object> direct = Map.of(
                "getHeader:Upgrade", "websocket",
                "getHeader:Origin", "https://chat.example",
                "getHeader:Host", "parley-1:8080",
                "getHeader:X-Forwarded-Host", "chat.example",
                "getRemoteAddr", "192.0.2.50",
                "getRequestURI", "/socket.io/");
        gate("10.0.0.0/8").doFilter(proxy(HttpServletRequest.class, direct), recording(refused),
                (request, r) -> refused.set("let through"));

        assertEquals("403", refused.get());
    }

    private UpgradeGate gate(String trustedProxies) {
        return new UpgradeGate(new EngineServer(EngineConfig.defaults(), timers, s -> null),
                new OriginPolicy(List.of()), TrustedProxies.parse(trustedProxies));
    }

    /** A response that keeps the status it is given, not its body. */
    private static HttpServletResponse recording(AtomicReference<String> status) {
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (self, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status.set(String.valueOf(args[0]));
                        yield null;
                    }
                    case "getOutputStream" -> throw new IOException("the body is not kept");
                    default -> null;
                });
    }

    /**
     * An interface whose methods answer from {@code answers}, by name or by name and first argument
     * ({@code "getHeader:Upgrade"}); any other call fails the test, so a call the gate must not make shows.
     */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            String name = method.getName();
            if (args != null && args.length == 1 && answers.containsKey(name + ":" + args[0])) {
                return answers.get(name + ":" + args[0]);
            }
            if (answers.containsKey(name)) {
                return answers.get(name);
            }
            if (name.equals("getHeader") || name.equals("getParameter")) {
                return null;
            }
            throw new AssertionError("unexpected call: " + name);
        }));
    }
}
