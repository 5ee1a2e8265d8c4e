package dev.parley.it.engine;

import dev.parley.it.OnWildFly;
import dev.parley.it.WildFlyServer;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The engine contract on WildFly: the same WAR and scenario handlers Payara runs, deployed to WildFly 31. */
class EngineWildFlyIT extends EngineContract {

    @RegisterExtension
    static final OnWildFly WILDFLY = new OnWildFly(EngineWildFlyIT::start);

    private static WildFlyServer start() throws IOException {
        Path war = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "engine-war-").resolve("parley.war");
        withScenarios().as(ZipExporter.class).exportTo(war.toFile());
        Path db = war.resolveSibling("parley");
        return WildFlyServer.start(war, Map.of("parley.db.url", "jdbc:h2:file:" + db,
                "parley.auth.pbkdf2-iterations", "1024"));
    }

    @Override
    protected URL deployedAt() {
        return WILDFLY.url();
    }

    @Override
    protected boolean onGrizzly() {
        return false;
    }
}
