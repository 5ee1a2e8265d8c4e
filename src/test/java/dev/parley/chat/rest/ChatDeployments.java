package dev.parley.chat.rest;

import dev.parley.it.ParleyWar;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The WAR as the chat ITs deploy it: its own database, known demo passwords, the rest as configured. */
public final class ChatDeployments {

    /** What {@code parley.demo.password} gives alice, bob and admin in these deployments. */
    public static final String DEMO_PASSWORD = "demo-password-for-its";

    private ChatDeployments() {
    }

    /** The default (demo) configuration on a fresh H2 file under target/. */
    public static WebArchive onFreshH2(Map<String, String> extra) {
        Path file = Path.of("target", "it-h2", UUID.randomUUID().toString(), "parley").toAbsolutePath();
        return with("jdbc:h2:file:" + file, "", "", extra);
    }

    public static WebArchive with(String url, String user, String password, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("parley.db.url", url);
        config.put("parley.db.user", user);
        config.put("parley.db.password", password);
        config.put("parley.demo.password", DEMO_PASSWORD);
        // Fast hashes: these tests are about behaviour, not the hash's cost.
        config.put("parley.auth.pbkdf2-iterations", "1024");
        config.putAll(extra);
        return ParleyWar.create(config);
    }
}
