package dev.parley.it.engine;

import dev.parley.it.WildFlyServer;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The engine contract on WildFly: the same WAR and scenario handlers Payara runs, deployed to WildFly 31. */
class EngineWildFlyIT extends EngineContract {

    private static WildFlyServer server;

    @BeforeAll
    static void startWildFly() throws IOException {
        Path war = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "engine-war-").resolve("parley.war");
        withScenarios().as(ZipExporter.class).exportTo(war.toFile());
        Path db = war.resolveSibling("parley");
        server = WildFlyServer.start(war, Map.of("parley.db.url", "jdbc:h2:file:" + db,
                "parley.auth.pbkdf2-iterations", "1024"));
    }

    @AfterAll
    static void stopWildFly() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected URL deployedAt() {
        return server.url();
    }
}
