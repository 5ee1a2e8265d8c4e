package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.NodeScript;
import dev.parley.it.ServerContract;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static dev.parley.chat.live.ChatSocketContract.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat with Socket.IO's connection state recovery on (parley.connection-state-recovery), driven by the
 * stock socket.io-client: a dropped tab comes back with its socket and what it missed, and a private id
 * offered by another user's client recovers nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatRecoveryIT extends ServerContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployments.onFreshH2(Map.of("parley.connection-state-recovery", "120000"));
    }

    @Test
    void aDroppedTabGetsItsSocketBackWithTheMessageItMissedAndNoOneElseCanTakeIt() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/chat.mjs", base().toString(),
                ChatDeployments.DEMO_PASSWORD, "recovery");

        assertTrue(seen.getBoolean("postedOk"), seen.toString());
        assertTrue(seen.getBoolean("recovered"), "socket.recovered: " + seen);
        assertTrue(seen.getBoolean("sameId"), seen.toString());
        assertEquals(1, strings(seen, "got").size(), "the missed message, once: " + seen);
        assertTrue(strings(seen, "got").get(0).startsWith("while alice was away"), seen.toString());

        assertEquals("socket of another user", seen.getString("theft"), seen.toString());
        assertFalse(seen.getBoolean("thiefRecovered"), seen.toString());
        assertTrue(seen.getBoolean("aliceBack"), "she connects afresh: " + seen);
    }
}
