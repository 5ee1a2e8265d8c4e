package dev.parley.engine;

import java.time.Duration;
import java.util.List;

/**
 * Engine.IO settings of one server.
 *
 * @param pingInterval   how often the server pings
 * @param pingTimeout    how long it waits for the pong before closing
 * @param maxPayload     the largest message (bytes) or polling body accepted; larger closes the connection
 * @param outboundLimit  packets a connection may have queued; past it a client whose queue does not move for 5 s,
 *                       or that has ten times as many waiting, is too slow and is closed
 * @param upgradeTimeout how long a WebSocket probe may take to complete the upgrade
 * @param allowedOrigins browser Origins allowed; empty means same origin only, {@code *} means any
 */
public record EngineConfig(Duration pingInterval, Duration pingTimeout, int maxPayload, int outboundLimit,
                           Duration upgradeTimeout, List<String> allowedOrigins) {

    public static EngineConfig defaults() {
        return new EngineConfig(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000, 1_000,
                Duration.ofSeconds(10), List.of());
    }

    public EngineConfig withPing(Duration interval, Duration timeout) {
        return new EngineConfig(interval, timeout, maxPayload, outboundLimit, upgradeTimeout, allowedOrigins);
    }
}
