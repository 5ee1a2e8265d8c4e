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
 * A client script running in its own process ({@link NodeScript}, {@link PythonScript}): how the ITs drive
 * Parley with Socket.IO clients written by others. Scripts print one JSON object per line on stdout; anything
 * on stderr is kept for failure messages.
 *
 * <p>Either run a script to its end ({@link #finish}, {@link #observation}), or {@link #await} lines while
 * the test acts on the server, then finish it. Every problem (non-zero exit, timeout) fails the test with an
 * {@link AssertionError} that carries the script's output.
 */
public final class ScriptProcess implements AutoCloseable {

    private final String command;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ScriptProcess(String command, Process process) {
        this.command = command;
        this.process = process;
        this.stdoutReader = pump(process.getInputStream(), this::addLine);
        this.stderrReader = pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /** Starts {@code commandLine} in {@code dir}; {@code missing} says how to install the interpreter. */
    static ScriptProcess launch(List<String> commandLine, Path dir, String missing) {
        try {
            return new ScriptProcess(String.join(" ", commandLine),
                    new ProcessBuilder(commandLine).directory(dir.toFile()).start());
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + commandLine.get(0) + " (" + e.getMessage() + "). " + missing, e);
        }
    }

    /**
     * Waits for a scenario script that prints exactly one JSON line of observations (the convention of
     * src/test/node/scenarios and src/test/python) and returns that line.
     */
    public JsonObject observation(Duration timeout) {
        List<JsonObject> lines = finish(timeout).json();
        if (lines.size() != 1) {
            throw new AssertionError("expected one observation line from " + command + ", got " + lines);
        }
        return lines.get(0);
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
        return new AssertionError(command + " " + what
                + "\n--- stderr ---\n" + stderr + "--- stdout ---\n" + out);
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
        }, "script-output");
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
