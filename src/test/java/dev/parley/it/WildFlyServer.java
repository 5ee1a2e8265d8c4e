package dev.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
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
 * {@code standalone} directory, all its ports shifted by one offset, and Parley's settings as system
 * properties, as an installation following server-config/wildfly-parley.cli would.
 */
public final class WildFlyServer implements AutoCloseable {

    private static final Duration BOOT_LIMIT = Duration.ofSeconds(180);

    private final Path baseDir;
    private final int offset;
    private final Process process;

    private WildFlyServer(Path baseDir, int offset, Process process) {
        this.baseDir = baseDir;
        this.offset = offset;
        this.process = process;
    }

    /** Starts WildFly with the WAR deployed at /parley/; returns once the deployment has succeeded. */
    public static WildFlyServer start(Map<String, String> config) throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly")).toAbsolutePath();
        Path war = Path.of(System.getProperty("parley.war", "target/parley.war")).toAbsolutePath();
        Path baseDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "wildfly-");
        copy(home.resolve("standalone"), baseDir);
        Files.copy(war, baseDir.resolve("deployments").resolve("parley.war"), StandardCopyOption.REPLACE_EXISTING);
        // A free port for HTTP; management (9990) and the others move by the same offset.
        int offset = LocalPorts.free() - 8080;
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve("standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir, "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        Path log = baseDir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS", "-Xmx768m");
        WildFlyServer server = new WildFlyServer(baseDir, offset, builder.start());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitDeployment();
        return server;
    }

    /** Loopback, where the tests talk to servers. */
    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + (8080 + offset) + "/parley/");
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
