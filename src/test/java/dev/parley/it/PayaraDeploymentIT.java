package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The IT plumbing itself: the built WAR plus a test-only servlet, deployed to a managed Payara Micro and
 * reached over real HTTP, with configuration arriving both ways an IT can set it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PayaraDeploymentIT extends ServerContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ParleyWar.create(Map.of("parley.it.deployment-config", "from-the-war"), ConfigEchoServlet.class);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void testServletInTheDeployedWarAnswersUnderTheContextRoot() throws Exception {
        HttpResponse<String> response = get("it/config?name=anything");

        assertEquals(200, response.statusCode());
        assertTrue(base().getPath().equals("/parley/"), "context root is the archive name: " + base());
    }

    @Test
    void microProfileConfigFromTheWarReachesTheServer() throws Exception {
        String body = get("it/config?name=parley.it.deployment-config").body();

        assertTrue(body.contains("parley.it.deployment-config=from-the-war\n"), body);
    }

    @Test
    void jvmOptionsFromArquillianXmlReachTheServerAsSystemPropertiesAndConfig() throws Exception {
        String body = get("it/config?name=parley.it").body();

        assertTrue(body.contains("parley.it.jvm=true\n"), body);
        assertTrue(body.contains("parley.it=true\n"), body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = base().toURI().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
