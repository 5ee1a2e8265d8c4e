package dev.parley.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Parley's WAR on Payara Micro in a process of its own, so a test can restart the server in the
 * middle of a conversation (same port, same --rootdir, hence the same H2 file). Arquillian's
 * managed container cannot restart mid-test, which the reconnect test needs.
 * NOT YET RUN: written before the chat server existed on this branch.
 */
final class ParleyProcess implements AutoCloseable {

    private final Path microJar = Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
    private final Path war = Path.of(System.getProperty("parley.war", "target/parley.war"));
    private final Path rootDir;
    private final Path log;
    private final int port;
    private Process process;

    private ParleyProcess(Path rootDir, int port) {
        this.rootDir = rootDir;
        this.port = port;
        this.log = Path.of("target", "parley-e2e-" + port + ".log");
    }

    static ParleyProcess start() throws IOException {
        ParleyProcess server = new ParleyProcess(Files.createTempDirectory("parley-e2e"), freePort());
        server.boot();
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Stops the server (as a crash would: no goodbye to the clients) and starts it again. */
    void restart() {
        kill();
        boot();
    }

    private void boot() {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", microJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/", "--port", String.valueOf(port),
                "--nocluster", "--rootdir", rootDir.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(120));
    }

    private void awaitReady(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("Payara Micro exited; see " + log);
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url()).toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Parley not ready after " + limit + "; see " + log);
    }

    private void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
