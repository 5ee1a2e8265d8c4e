package dev.parley.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

/** What tests that start servers of their own need: a free port, and a wait that respects interrupts. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port nothing listens on right now (the OS picks it). */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sleeps between readiness probes; an interrupt ends the wait as a failure. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
