package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.NodeScript;
import dev.parley.it.ServerContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input beside good, as a stranger's client sends it: {@code bench/fuzz.mjs} (10 batches of mutated chat
 * events and malformed packets from raw WebSockets, beside a socket.io-client sending a message every 250 ms)
 * exits 0 only when every event of the batches without malformed packets got its ack and the steady client
 * lost nothing. The inputs are random: a failure prints the batch's counts, and its server log has the cause.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT extends ServerContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployments.onFreshH2(Map.of());
    }

    @Test
    void badInputGetsItsRefusalAndHarmsNoOneElse() {
        var result = NodeScript.run(Duration.ofSeconds(120), "../../../bench/fuzz.mjs", base().toString(), "10");
        String summary = String.join("\n", result.lines());
        assertTrue(summary.contains("\"ok\":true"), summary + "\n" + result.stderr());
    }
}
