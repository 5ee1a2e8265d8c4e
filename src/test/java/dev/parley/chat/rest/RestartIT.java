package dev.parley.chat.rest;

import dev.parley.it.ParleyWar;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.parley.chat.rest.ChatDeployments.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The default run keeps its data: a message posted before the server stops is in the history after it
 * starts again on the same H2 file, and the demo data is not created twice. The steps run in order
 * because Arquillian resolves a deployment's URL only while it is deployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final String NAME = "restartable";
    private static final Path H2_FILE = Path.of("target", "it-h2", "restart-" + UUID.randomUUID(), "parley")
            .toAbsolutePath();
    private static JsonObject posted;

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return ChatDeployments.with("jdbc:h2:file:" + H2_FILE, "", "", Map.of());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    void startTheServer() {
        deployer.deploy(NAME);
    }

    @Test
    @Order(2)
    void postAMessage(@ArquillianResource @OperateOnDeployment(NAME) URL base) {
        posted = signedIn(base).post("api/rooms/1/messages", Json.createObjectBuilder()
                .add("text", "still here after a restart").add("clientMsgId", "restart-1").build()).object();
    }

    @Test
    @Order(3)
    void restartTheServer() {
        deployer.undeploy(NAME);
        deployer.deploy(NAME);
    }

    @Test
    @Order(4)
    void theMessageIsStillInTheHistory(@ArquillianResource @OperateOnDeployment(NAME) URL base) {
        assertNotNull(posted, "the message was posted before the restart");
        ApiClient alice = signedIn(base);
        long id = posted.getJsonNumber("id").longValue();
        JsonObject after = alice.get("api/rooms/1/messages?after=" + (id - 1)).object()
                .getJsonArray("messages").getJsonObject(0);
        assertEquals(posted, after);
        assertEquals(1, alice.get("api/rooms").array().stream()
                .filter(r -> r.getString("name").equals("general")).count(), "demo rooms not created twice");
    }

    @Test
    @Order(5)
    void stopTheServer() {
        deployer.undeploy(NAME);
    }

    /** Signs in, waiting while the server answers 404 (its port opens before the application is deployed). */
    private static ApiClient signedIn(URL base) {
        ApiClient alice = new ApiClient(ParleyWar.fromArquillian(base));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status;
        while ((status = alice.login("alice", DEMO_PASSWORD).status()) == 404 && System.nanoTime() < deadline) {
            sleep();
        }
        assertEquals(200, status);
        return alice;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
