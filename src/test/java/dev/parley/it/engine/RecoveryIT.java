package dev.parley.it.engine;

import dev.parley.it.NodeScript;
import dev.parley.it.ParleyWar;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket.IO's connection state recovery (parley.connection-state-recovery) with the stock socket.io-client:
 * after its connection drops, the client comes back as the same socket, in its rooms, and gets the events
 * it missed in order, then the live ones.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ParleyWar.create(Map.of("parley.connection-state-recovery", "120000"),
                ScenarioHandlers.class, ScenarioHandlers.Say.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void aDroppedClientIsRecoveredWithWhatItMissed() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(40), "scenarios/engine.mjs",
                ParleyWar.fromArquillian(deployed).toString(), "recovery");
        assertTrue(seen.getBoolean("recovered"), seen.toString());
        assertTrue(seen.getBoolean("sameId"));
        assertTrue(seen.getBoolean("missedWhileAway"), "two and three were sent while the client was away");
        assertEquals(List.of("one", "two", "three", "four"),
                seen.getJsonArray("said").getValuesAs(JsonString::getString));
        assertFalse(seen.getBoolean("freshRecovered"));
        assertTrue(seen.getBoolean("freshNewId"));
    }
}
