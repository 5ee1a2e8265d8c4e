package dev.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Parley's WAR on Payara Micro in a process of its own, so a test can crash the server in the middle
 * of a conversation and start it again on the same port and the same H2 file. Arquillian's managed
 * container cannot restart mid-test, which the reconnect test needs.
 *
 * <p>The server is configured the way a real installation would be for that to work: a fixed H2 file,
 * a fixed token secret (tokens signed before the restart stay valid after it; the HTTP sessions do
 * not survive), and one known password for the demo accounts alice, bob and admin. The browser tests and
 * the crash test use it.
 */
public final class ParleyProcess implements AutoCloseable {

    public static final String DEMO_PASSWORD = "demo-password-for-e2e";
    public static final String TOKEN_SECRET = "parley.auth.token-secret";

    private static final Duration BOOT_LIMIT = Duration.ofSeconds(150);

    private final Path microJar = Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
    private final Path war = Path.of(System.getProperty("parley.war", "target/parley.war"));
    private final Path workDir;
    private final Path log;
    private final int port;
    private final String tokenSecret;
    private final Map<String, String> config;
    private int boots;
    private Process process;

    private ParleyProcess(Path workDir, int port, Map<String, String> config) {
        this.workDir = workDir;
        this.port = port;
        this.log = Path.of("target", "parley-e2e-" + port + ".log").toAbsolutePath();
        this.config = new TreeMap<>(config);
        String secret = this.config.remove(TOKEN_SECRET);
        this.tokenSecret = secret; // none: the server's default, a secret it keeps in its database
    }

    public static ParleyProcess start() throws IOException {
        return start(Map.of());
    }

    /**
     * With MicroProfile Config values of its own (system properties, over the defaults above): another
     * database, a Redis server to share rooms through. Instances given the same {@code parley.auth.token-secret}
     * take each other's tokens.
     */
    public static ParleyProcess start(Map<String, String> config) throws IOException {
        ParleyProcess server = new ParleyProcess(Files.createTempDirectory("parley-e2e"), LocalPorts.free(), config);
        // A test JVM that dies must not leave a server holding the port.
        Runtime.getRuntime().addShutdownHook(new Thread(server::crash));
        server.boot();
        return server;
    }

    /** Loopback only: Payara prints the machine's network address too, which tests must not use. */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Stops the server as a crash would: no goodbye to the clients, no clean shutdown. */
    public void crash() {
        if (process == null) return;
        LocalPorts.kill(process);
        process = null;
    }

    /**
     * Starts the server on the same port and database; returns once the chat API answers. Each boot gets
     * a fresh Payara instance directory: with the old one Payara Micro would first bring back the previous
     * deployment and then replace it, and clients would meet a server that goes away again.
     */
    public void boot() {
        if (process != null) throw new IllegalStateException("Parley is already running");
        Path instance = workDir.resolve("payara-" + ++boots);
        Map<String, String> properties = new TreeMap<>(Map.of(
                "parley.db.url", "jdbc:h2:file:" + workDir.resolve("h2").resolve("parley"),
                "parley.demo.password", DEMO_PASSWORD));
        properties.putAll(config);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-jar", microJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/", "--port", String.valueOf(port),
                "--nocluster", "--rootdir", instance.toString(),
                "--prebootcommandfile", Path.of("server-config", "payara-pre-boot.asadmin").toAbsolutePath().toString(),
                "--postbootcommandfile", Path.of("server-config", "payara-post-boot.asadmin").toAbsolutePath().toString()));
        try {
            Files.writeString(log, "---- boot " + boots + ": " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // MicroProfile Config reads parley.auth.token-secret from here; not on the command line, which the log shows.
            if (tokenSecret != null) {
                builder.environment().put("PARLEY_AUTH_TOKEN_SECRET", tokenSecret);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** Ready means the chat's REST API answers, not just the port: Payara opens it before deploying. */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(BOOT_LIMIT);
        URI probe = URI.create(url() + "api/auth/config");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("Payara Micro exited; see " + log);
            try {
                HttpURLConnection connection = (HttpURLConnection) probe.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                if (connection.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            LocalPorts.pause(Duration.ofMillis(250));
        }
        crash();
        throw new IllegalStateException("Parley not ready after " + BOOT_LIMIT + "; see " + log);
    }


    /** Stops the server and removes its database and instance directories. */
    @Override
    public void close() {
        crash();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the tests for
        }
    }
}
