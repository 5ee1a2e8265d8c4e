package dev.parley.it;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python script from {@code src/test/python}, run with Debian's {@code /usr/bin/python3} (system property
 * {@code parley.python}) and the {@code python-socketio} client Debian packages (python3-socketio with
 * python3-requests, python3-websocket and python3-aiohttp): a Socket.IO client nobody at Parley wrote.
 * Debian's interpreter by default because the packages live in its dist-packages, which a pyenv or venv
 * {@code python3} earlier on PATH would not see.
 */
public final class PythonScript {

    static final String INSTALL = "apt-get install -y python3-socketio python3-requests python3-websocket python3-aiohttp";

    private PythonScript() {
    }

    /** Runs a scenario script and returns its one line of observations; fails on any other outcome. */
    public static JsonObject observe(Duration timeout, String script, String... args) {
        Path dir = Path.of(System.getProperty("parley.pythonDir", "src/test/python")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve(script))) {
            throw new AssertionError("No Python script " + script + " in " + dir);
        }
        List<String> commandLine = new ArrayList<>(List.of(System.getProperty("parley.python", "/usr/bin/python3"),
                script));
        commandLine.addAll(List.of(args));
        try (ScriptProcess python = ScriptProcess.launch(commandLine, dir, "The ITs need Python 3: " + INSTALL)) {
            return python.observation(timeout);
        }
    }
}
