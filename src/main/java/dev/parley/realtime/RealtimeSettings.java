package dev.parley.realtime;

import dev.parley.engine.EngineConfig;

import java.net.URI;
import java.time.Duration;

/**
 * The Socket.IO server's settings.
 *
 * @param path           URL path of the Engine.IO mount, e.g. {@code /socket.io/}
 * @param engine         Engine.IO settings
 * @param connectTimeout how long a new connection may take to join a namespace before it is closed
 * @param recoveryWindow how long a socket that lost its connection can be recovered, with the events it
 *                       missed (Socket.IO's connection state recovery); zero turns it off
 * @param packetRate     Socket.IO packets a second (and burst) one connection may send, acks not counted
 *                       ({@link PacketBudget}); 0 or less: no limit
 * @param redis          the Redis server through which several instances share rooms ({@link RedisAdapter}),
 *                       or null for this instance alone
 */
public record RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout, Duration recoveryWindow,
                               int packetRate, URI redis) {

    public static final int DEFAULT_PACKET_RATE = 100;

    public RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout, Duration recoveryWindow,
                            int packetRate) {
        this(path, engine, connectTimeout, recoveryWindow, packetRate, null);
    }

    public RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout, Duration recoveryWindow) {
        this(path, engine, connectTimeout, recoveryWindow, DEFAULT_PACKET_RATE);
    }

    /** Without connection state recovery. */
    public RealtimeSettings(String path, EngineConfig engine, Duration connectTimeout) {
        this(path, engine, connectTimeout, Duration.ZERO);
    }
}
