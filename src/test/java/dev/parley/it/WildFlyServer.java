package dev.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parley's WAR, unchanged, on a WildFly that Maven unpacked under target/ ({@code wildfly.home}): the
 * proof that the same WAR serves on the second server. Each server gets a copy of WildFly's
 * {@code standalone} directory, a free port for each of its listeners, and Parley's settings as system
 * properties, as an installation following server-config/wildfly-parley.cli would.
 */
public final class WildFlyServer implements AutoCloseable {

    private static final Duration BOOT_LIMIT = Duration.ofSeconds(180);

    /** The listeners standalone.xml takes from system properties (the transaction ports stay 4712/4713). */
    private static final List<String> PORT_PROPERTIES = List.of("jboss.http.port", "jboss.https.port",
            "jboss.ajp.port", "jboss.management.http.port", "jboss.management.https.port");

    private final Path baseDir;
    private final int httpPort;
    private final Process process;

    private WildFlyServer(Path baseDir, int httpPort, Process process) {
        this.baseDir = baseDir;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts WildFly with the built WAR deployed at /parley/; returns once the deployment answers. */
    public static WildFlyServer start(Map<String, String> config) throws IOException {
        return start(Path.of(System.getProperty("parley.war", "target/parley.war")), config);
    }

    /** Starts WildFly with this WAR (a test's variant of the built one) deployed at /parley/. */
    public static WildFlyServer start(Path war, Map<String, String> config) throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly")).toAbsolutePath();
        Path baseDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "wildfly-");
        copy(home.resolve("standalone"), baseDir);
        Files.copy(war.toAbsolutePath(), baseDir.resolve("deployments").resolve("parley.war"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve("standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1"));
        // Each listener its own free port: with one port offset, the neighbours of a free HTTP port were
        // not checked, and a taken HTTPS port left /parley/ unregistered although it reported deployed.
        int[] ports = LocalPorts.free(PORT_PROPERTIES.size());
        for (int i = 0; i < ports.length; i++) {
            command.add("-D" + PORT_PROPERTIES.get(i) + "=" + ports[i]);
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        Path log = baseDir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS", "-Xmx768m");
        WildFlyServer server = new WildFlyServer(baseDir, ports[0], builder.start());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitDeployment();
        server.awaitAnswer();
        return server;
    }

    /** Loopback, where the tests talk to servers. */
    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + httpPort + "/parley/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WildFly's deployment scanner leaves a marker: .deployed, or .failed with the reason. */
    private void awaitDeployment() throws IOException {
        Path deployments = baseDir.resolve("deployments");
        Instant deadline = Instant.now().plus(BOOT_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments.resolve("parley.war.deployed"))) {
                return;
            }
            if (Files.exists(deployments.resolve("parley.war.failed"))) {
                String why = Files.readString(deployments.resolve("parley.war.failed"));
                stop();
                throw new IllegalStateException("WildFly could not deploy parley.war: " + why);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited; see " + baseDir.resolve("console.log"));
            }
            LocalPorts.pause(Duration.ofMillis(250));
        }
        stop();
        throw new IllegalStateException("parley.war not deployed on WildFly after " + BOOT_LIMIT
                + "; see " + baseDir.resolve("log").resolve("server.log"));
    }

    /**
     * WildFly marks a deployment deployed even when a listener failed and the context never registered
     * ("started (with errors)"): ask Parley itself, and fail with the server's errors if it does not answer.
     */
    private void awaitAnswer() throws IOException {
        URI config = URI.create(url() + "api/auth/config");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            try {
                status = client.send(HttpRequest.newBuilder(config).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (status != 200) {
                LocalPorts.pause(Duration.ofMillis(250));
            }
        }
        if (status != 200) {
            String errors = errors();
            stop();
            throw new IllegalStateException("WildFly reports parley.war deployed but " + config + " answers "
                    + status + "; errors in " + log() + ":\n" + errors);
        }
    }

    /** The ERROR lines of the server log (first 300 characters each), for a failure message. */
    private String errors() throws IOException {
        try (Stream<String> lines = Files.lines(log())) {
            return String.join("\n", lines.filter(line -> line.contains(" ERROR "))
                    .map(line -> line.length() > 300 ? line.substring(0, 300) : line).limit(20).toList());
        }
    }

    /** The server's log, for a test's failure message. */
    public Path log() {
        return baseDir.resolve("log").resolve("server.log");
    }

    private void stop() {
        // standalone.sh runs the JVM as its child: end both.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
