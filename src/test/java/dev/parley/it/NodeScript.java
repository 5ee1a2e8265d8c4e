package dev.parley.it;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Node script from {@code src/test/node} (system property {@code parley.nodeDir}), run as
 * {@code node <script> <args>}: how the ITs drive Parley with the real npm {@code socket.io-client}.
 * Fails the test when node or the installed node_modules are missing.
 */
public final class NodeScript {

    private NodeScript() {
    }

    /** Runs the script to its end; fails unless it exits with status 0 within {@code timeout}. */
    public static ScriptProcess.Result run(Duration timeout, String script, String... args) {
        try (ScriptProcess node = start(script, args)) {
            return node.finish(timeout);
        }
    }

    /** Runs a scenario script (src/test/node/scenarios) and returns its one line of observations. */
    public static JsonObject observe(Duration timeout, String script, String... args) {
        try (ScriptProcess node = start(script, args)) {
            return node.observation(timeout);
        }
    }

    /** Starts the script and returns at once; close it (try-with-resources) so it never outlives the test. */
    public static ScriptProcess start(String script, String... args) {
        Path dir = nodeDir();
        if (!Files.isRegularFile(dir.resolve(script))) {
            throw new AssertionError("No Node script " + script + " in " + dir);
        }
        List<String> commandLine = new ArrayList<>(List.of(System.getProperty("parley.node", "node"), script));
        commandLine.addAll(List.of(args));
        return ScriptProcess.launch(commandLine, dir, "The ITs need Node.js 18+ on PATH:"
                + " apt-get install -y nodejs npm, then npm ci --prefix src/test/node");
    }

    /** A file of an installed package, for a test that loads it elsewhere (axe-core into a browser page). */
    public static Path packageFile(String path) {
        Path file = nodeDir().resolve("node_modules").resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("No " + file + ": run 'npm ci --prefix src/test/node'");
        }
        return file;
    }

    private static Path nodeDir() {
        Path dir = Path.of(System.getProperty("parley.nodeDir", "src/test/node")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/socket.io-client"))) {
            throw new AssertionError("Node packages are not installed in " + dir
                    + ": run 'npm ci --prefix src/test/node' (mvn verify does this itself, see src/test/node/install.sh)");
        }
        return dir;
    }
}
