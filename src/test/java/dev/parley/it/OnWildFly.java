package dev.parley.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URL;

/**
 * A WildFly that a test class starts before its tests and stops after them: register it on a static field
 * with {@code @RegisterExtension}, and point {@link ServerContract#deployedAt()} at {@link #url()}.
 */
public final class OnWildFly implements BeforeAllCallback, AfterAllCallback {

    /** Starts the server: which WAR, with which configuration. */
    @FunctionalInterface
    public interface Start {
        WildFlyServer start() throws IOException;
    }

    private final Start start;
    private WildFlyServer server;

    public OnWildFly(Start start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = start.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public URL url() {
        return server.url();
    }
}
