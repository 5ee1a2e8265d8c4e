package dev.parley.realtime;

import dev.parley.engine.EngineConfig;

import java.time.Duration;

/**
 * The Socket.IO server's settings.
 *
 * @param path           URL path of the Engine.IO mount, e.g. {@code /socket.io/}
 * @param engine         Engine.IO settings
 * @param connectTimeout how long a new connection may take to join a namespace before it is closed
 */
public record RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout) {
}
