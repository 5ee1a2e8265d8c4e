package dev.parley.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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

    /** {@code count} distinct ports nothing listens on right now (all held open until all are picked). */
    public static int[] free(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    /**
     * Waits until {@code process} accepts connections on {@code port} of 127.0.0.1 (20 s at most); if it dies or
     * the time runs out, fails with {@code what} "did not start" and where to look.
     */
    public static void awaitListening(Process process, int port, String what, Object logs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " did not start on port " + port + "; see " + logs);
                }
                Thread.sleep(50);
            }
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

    /** Kills a server process at once, as a crash would, and waits until it is gone. */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
