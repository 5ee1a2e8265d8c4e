package dev.parley.engine;

/** An Engine.IO server and the URL path it answers on (e.g. {@code /socket.io/}); the transports serve each mount. */
public record EngineMount(String path, EngineServer server) {

    public EngineMount {
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("an Engine.IO path starts and ends with '/': " + path);
        }
    }
}
