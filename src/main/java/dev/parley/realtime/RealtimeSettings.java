package dev.parley.realtime;

import dev.parley.engine.EngineConfig;

import java.time.Duration;

/**
 * The Socket.IO server's settings.
 *
 * @param path           URL path of the Engine.IO mount, e.g. {@code /socket.io/}
 * @param engine         Engine.IO settings
 * @param connectTimeout how long a new connection may take to join a namespace before it is closed
 * @param recoveryWindow how long a socket that lost its connection can be recovered, with the events it
 *                       missed (Socket.IO's connection state recovery); zero turns it off
 */
public record RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout, Duration recoveryWindow) {

    /** Without connection state recovery. */
    public RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout) {
        this(path, engine, connectTimeout, Duration.ZERO);
    }
}
