package dev.parley.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced (system property {@code parley.war}, set by failsafe to target/parley.war), for
 * an IT's {@code @Deployment}: the ITs test what ships, not a hand-picked subset of classes. Deployed as
 * {@code parley.war}, so the application lives under the context root {@code /parley/}; take the base URL
 * from {@code @ArquillianResource URL} through {@link #fromArquillian}, never a fixed host or port.
 */
public final class ParleyWar {

    /** Where MicroProfile Config reads an application's own configuration (ordinal 100). */
    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private ParleyWar() {
    }

    /** The built WAR, plus test-only classes (servlets, CDI beans, handlers) a test deploys with it. */
    public static WebArchive create(Class<?>... testClasses) {
        Path war = Path.of(System.getProperty("parley.war", "target/parley.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("No WAR at " + war.toAbsolutePath()
                    + ": the ITs deploy the packaged WAR, run them with 'mvn -B verify'");
        }
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "parley.war")
                .importFrom(war.toFile())
                .as(WebArchive.class);
        return testClasses.length == 0 ? archive : archive.addClasses(testClasses);
    }

    /**
     * The built WAR with MicroProfile Config values for this deployment only (merged over the WAR's own
     * microprofile-config.properties). JVM system properties (arquillian.xml cmdOptions) still win over these.
     */
    public static WebArchive create(Map<String, String> config, Class<?>... testClasses) {
        WebArchive archive = create(testClasses);
        Properties merged = new Properties();
        if (archive.contains(CONFIG)) {
            merged.putAll(read(archive, CONFIG));
            archive.delete(CONFIG);
        }
        merged.putAll(config);
        StringWriter text = new StringWriter();
        try {
            merged.store(text, "merged by dev.parley.it.ParleyWar for one IT deployment");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive.add(new StringAsset(text.toString()), CONFIG);
    }

    /**
     * The deployment's URL on the loopback interface. Payara Micro reports its instance by the machine's
     * network address; tests only ever talk to 127.0.0.1.
     */
    public static URL loopback(URL deployed) {
        try {
            return new URL(deployed.getProtocol(), "127.0.0.1", deployed.getPort(), deployed.getFile());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(deployed.toString(), e);
        }
    }

    /**
     * The application's URL on the loopback interface, from the URL Arquillian injected. Its Payara Micro
     * connector (3.1) reads the servlets from the server's start-up output, which it polls every 200 ms; when a
     * poll lands in the middle of that block it finds none and injects the server's root (seen once in CI: every
     * request got 404). Every deployment here is parley.war, so that root means {@code /parley/}.
     */
    public static URL fromArquillian(URL injected) {
        URL at = loopback(injected);
        if (!at.getPath().isEmpty() && !at.getPath().equals("/")) {
            return at;
        }
        try {
            return new URL(at, "/parley/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(injected.toString(), e);
        }
    }

    private static Properties read(WebArchive archive, String path) {
        try (InputStream in = archive.get(path).getAsset().openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
