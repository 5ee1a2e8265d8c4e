package dev.parley.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private Redis server (Debian's {@code redis-server}) on a free port, in memory only, for the tests of
 * several instances sharing rooms. It can be stopped and started again on the same port, as Redis going away.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
        this.log = Path.of("target", "redis-" + port + ".log").toAbsolutePath();
    }

    public static RedisServer start() throws IOException, InterruptedException {
        RedisServer server = new RedisServer(LocalPorts.free());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.boot();
        return server;
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public void boot() throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("No redis-server on the PATH: install Debian's redis-server package"
                    + " (.ci/run does)", e);
        }
        LocalPorts.awaitListening(process, port, "redis-server", log);
    }

    /** Stops it at once, as a crash would. */
    public void stop() {
        if (process != null) {
            LocalPorts.kill(process);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
