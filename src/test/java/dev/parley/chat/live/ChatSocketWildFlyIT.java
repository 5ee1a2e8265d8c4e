package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.OnWildFly;
import dev.parley.it.WildFlyServer;
import dev.parley.web.PageAssetsCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The socket contract on WildFly: the WAR Payara runs, unchanged, deployed to WildFly (unpacked by Maven
 * under target/wildfly), with a fresh H2 file.
 */
class ChatSocketWildFlyIT extends ChatSocketContract {

    @RegisterExtension
    static final OnWildFly WILDFLY = new OnWildFly(ChatSocketWildFlyIT::start);

    private static WildFlyServer start() throws IOException {
        Map<String, String> config = new HashMap<>(CONFIG);
        Path file = Path.of("target", "it-h2", UUID.randomUUID().toString(), "parley").toAbsolutePath();
        config.put("parley.db.url", "jdbc:h2:file:" + file);
        config.put("parley.demo.password", ChatDeployments.DEMO_PASSWORD);
        config.put("parley.auth.pbkdf2-iterations", "1024");
        return WildFlyServer.start(config);
    }

    @Override
    protected URL deployedAt() {
        return WILDFLY.url();
    }

    /** The page's script, from Undertow's default servlet behind {@code PageAssets}: as on Payara. */
    @Test
    void thePagesScriptIsGzippedAndCachedForAYear() throws Exception {
        PageAssetsCheck.assertTheScriptIsGzippedAndCachedForAYear(base().toURI());
    }
}
