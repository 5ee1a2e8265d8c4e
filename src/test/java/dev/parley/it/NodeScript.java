package dev.parley.it;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Node script from {@code src/test/node} (system property {@code parley.nodeDir}), run as
 * {@code node <script> <args>}: how the ITs drive Parley with the real npm {@code socket.io-client}.
 * Scripts print one JSON object per line on stdout; anything on stderr is kept for failure messages.
 *
 * <p>Either {@link #run} a script to its end, or {@link #start} it, {@link #await} lines while the test
 * acts on the server, and {@link #finish} it. Every problem (node or node_modules missing, non-zero
 * exit, timeout) fails the test with an {@link AssertionError} that carries the script's output.
 */
public final class NodeScript implements AutoCloseable {

    private final String command;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private NodeScript(String command, Process process) {
        this.command = command;
        this.process = process;
        this.stdoutReader = pump(process.getInputStream(), this::addLine);
        this.stderrReader = pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /** Runs the script to its end; fails unless it exits with status 0 within {@code timeout}. */
    public static Result run(Duration timeout, String script, String... args) {
        try (NodeScript node = start(script, args)) {
            return node.finish(timeout);
        }
    }

    /**
     * Runs a scenario script that prints exactly one JSON line of observations (the convention of
     * src/test/node/scenarios) and returns that line.
     */
    public static JsonObject observe(Duration timeout, String script, String... args) {
        List<JsonObject> lines = run(timeout, script, args).json();
        if (lines.size() != 1) {
            throw new AssertionError("expected one observation line from " + script + ", got " + lines);
        }
        return lines.get(0);
    }

    /** Starts the script and returns at once; close it (try-with-resources) so it never outlives the test. */
    public static NodeScript start(String script, String... args) {
        Path dir = nodeDir();
        if (!Files.isRegularFile(dir.resolve(script))) {
            throw new AssertionError("No Node script " + script + " in " + dir);
        }
        List<String> commandLine = new ArrayList<>(List.of(System.getProperty("parley.node", "node"), script));
        commandLine.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(commandLine).directory(dir.toFile()).start();
            return new NodeScript(String.join(" ", commandLine), process);
        } catch (IOException e) {
            throw new AssertionError("Cannot run Node.js (" + e.getMessage() + "). The ITs need Node.js 18+ on PATH:"
                    + " apt-get install -y nodejs npm, then npm ci --prefix src/test/node", e);
        }
    }

    /** A predicate for the convention {@code {"type": "...", ...}} that Parley's scripts follow. */
    public static Predicate<JsonObject> type(String type) {
        return json -> type.equals(json.getString("type", null));
    }

    /**
     * The first JSON line printed so far or within {@code timeout} that matches; lines are searched from
     * the beginning each time, so the order in which a test awaits them does not matter.
     */
    public JsonObject await(Predicate<JsonObject> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int checked = 0;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    JsonObject json = parse(lines.get(checked));
                    if (json != null && match.test(json)) {
                        return json;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !stdoutReader.isAlive())) {
                    throw failure(process.isAlive() ? "printed no matching line within " + timeout
                            : "ended without printing a matching line");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while awaiting a line");
                }
            }
        }
    }

    /** Writes one line to the script's stdin, for scripts that take commands while they run. */
    public void send(String line) {
        try {
            Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw failure("does not accept input any more (" + e.getMessage() + ")");
        }
    }

    /** Waits for the script to end; fails unless it exits with status 0 within {@code timeout}. */
    public Result finish(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw failure("timed out after " + timeout);
            }
            stdoutReader.join(2_000);
            stderrReader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw failure("interrupted");
        }
        if (process.exitValue() != 0) {
            throw failure("exited with status " + process.exitValue());
        }
        synchronized (lines) {
            return new Result(List.copyOf(lines), stderr.toString());
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS); // so a port or file the script held is free when the test goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void addLine(String line) {
        synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
        }
    }

    private AssertionError failure(String what) {
        String out;
        synchronized (lines) {
            out = String.join("\n", lines);
        }
        return new AssertionError("node " + command + " " + what
                + "\n--- stderr ---\n" + stderr + "--- stdout ---\n" + out);
    }

    private static Path nodeDir() {
        Path dir = Path.of(System.getProperty("parley.nodeDir", "src/test/node")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/socket.io-client"))) {
            throw new AssertionError("Node packages are not installed in " + dir
                    + ": run 'npm ci --prefix src/test/node' (mvn verify does this itself, see src/test/node/install.sh)");
        }
        return dir;
    }

    private static JsonObject parse(String line) {
        try {
            return Json.createReader(new StringReader(line)).readObject();
        } catch (JsonException e) {
            return null; // not a protocol line (stray log output): kept for failure messages only
        }
    }

    private static Thread pump(InputStream stream, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process was killed: what was read so far is all there is
            }
        }, "node-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** What a script printed: its stdout lines (JSON by convention) and its stderr. */
    public record Result(List<String> lines, String stderr) {

        /** Every stdout line as JSON; fails on a line that is not a JSON object. */
        public List<JsonObject> json() {
            List<JsonObject> all = new ArrayList<>();
            for (String line : lines) {
                JsonObject json = parse(line);
                if (json == null) {
                    throw new AssertionError("Not a JSON object on the script's stdout: " + line);
                }
                all.add(json);
            }
            return all;
        }
    }
}
