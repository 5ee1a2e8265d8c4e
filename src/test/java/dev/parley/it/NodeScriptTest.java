package dev.parley.it;

import static dev.parley.it.ScriptProcess.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness the protocol ITs stand on, proven against src/test/node/harness-check.mjs (no server). */
class NodeScriptTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void runReturnsEveryJsonLineAfterTheNpmClientsLoaded() {
        List<JsonObject> json = NodeScript.run(TIMEOUT, "harness-check.mjs", "echo", "first", "with space").json();

        assertEquals("function", json.get(0).getString("socketIoClient"));
        assertEquals("function", json.get(0).getString("ws"));
        assertEquals("first", json.get(1).getString("value"));
        assertEquals("with space", json.get(2).getString("value"));
        assertEquals(3, json.size());
    }

    @Test
    void nonZeroExitFailsWithTheScriptsStderr() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> NodeScript.run(TIMEOUT, "harness-check.mjs", "fail"));

        assertTrue(failure.getMessage().contains("exited with status 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("failing on purpose"), failure.getMessage());
    }

    @Test
    void scriptOutlivingItsTimeoutIsKilledAndFails() {
        try (ScriptProcess node = NodeScript.start("harness-check.mjs", "hang")) {
            node.await(type("hanging"), TIMEOUT);

            AssertionError failure = assertThrows(AssertionError.class, () -> node.finish(Duration.ofMillis(300)));

            assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
            assertFalse(node.isRunning());
        }
    }

    @Test
    void awaitSeesLinesWhileTheScriptRunsAndSendFeedsItsStdin() {
        try (ScriptProcess node = NodeScript.start("harness-check.mjs", "reply")) {
            node.await(type("ready"), TIMEOUT);
            node.send("hello");

            JsonObject got = node.await(type("got"), TIMEOUT);

            assertEquals("hello", got.getString("value"));
        }
    }

    @Test
    void awaitFailsWhenTheScriptEndsWithoutTheLine() {
        try (ScriptProcess node = NodeScript.start("harness-check.mjs", "echo")) {
            AssertionError failure = assertThrows(AssertionError.class, () -> node.await(type("never"), TIMEOUT));

            assertTrue(failure.getMessage().contains("ended without printing a matching line"), failure.getMessage());
        }
    }

    @Test
    void missingNodeModulesFailsWithTheInstallCommand(@TempDir Path empty) throws Exception {
        Files.writeString(empty.resolve("harness-check.mjs"), "");
        String before = System.getProperty("parley.nodeDir");
        System.setProperty("parley.nodeDir", empty.toString());
        try {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> NodeScript.run(TIMEOUT, "harness-check.mjs", "echo"));

            assertTrue(failure.getMessage().contains("npm ci --prefix src/test/node"), failure.getMessage());
        } finally {
            restore("parley.nodeDir", before);
        }
    }

    @Test
    void missingNodeFailsWithHowToInstallIt() {
        String before = System.getProperty("parley.node");
        System.setProperty("parley.node", "/nonexistent/node");
        try {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> NodeScript.run(TIMEOUT, "harness-check.mjs", "echo"));

            assertTrue(failure.getMessage().contains("apt-get install -y nodejs npm"), failure.getMessage());
        } finally {
            restore("parley.node", before);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
