package dev.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a local port that can go silent: the network of a train in a tunnel, where bytes stop
 * in both directions and neither end is told. {@link #cut} then ends the silent connections, as a link
 * that finally resets does, and later ones are relayed again.
 */
final class SilentLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean silentUp;
    private volatile boolean silentDown;

    private SilentLink(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silent-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SilentLink to(int port) throws IOException {
        return new SilentLink(port);
    }

    /** The same path as {@code url}, through this relay. */
    String url(String url) {
        return url.replaceFirst(":\\d+/", ":" + listener.getLocalPort() + "/");
    }

    /** From now on nothing passes either way, and no end is told. */
    void silence() {
        silentUp = true;
        silentDown = true;
    }

    /** From now on the server's bytes stop: what the browser sends still arrives, its answers do not. */
    void silenceReplies() {
        silentDown = true;
    }

    /** Ends every connection open now; new ones are relayed. */
    void cut() {
        silentUp = false;
        silentDown = false;
        for (Socket socket : open) {
            close(socket);
        }
    }

    @Override
    public void close() {
        cut();
        close(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                relay(client, server, true);
                relay(server, client, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket from, Socket to, boolean up) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!(up ? silentUp : silentDown)) { // silent: read and dropped, so no write blocks or fails
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed: the other goes too
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "silent-link-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
