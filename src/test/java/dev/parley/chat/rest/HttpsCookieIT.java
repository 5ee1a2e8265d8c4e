package dev.parley.chat.rest;

import dev.parley.it.LocalPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.parley.chat.rest.ChatDeployments.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session cookie is Secure when the session starts over HTTPS and only then. Arquillian's Payara Micro
 * has no HTTPS listener, so this test starts the built WAR on Payara Micro itself, with {@code --sslport}
 * (Payara's own self-signed certificate, which the client here trusts).
 */
class HttpsCookieIT {

    private static Process server;
    private static int httpPort;
    private static int httpsPort;
    private static Path log;

    @BeforeAll
    static void startPayaraWithHttps() throws Exception {
        int[] ports = LocalPorts.free(2);
        httpPort = ports[0];
        httpsPort = ports[1];
        Path dir = Files.createDirectories(Path.of("target", "it-https", UUID.randomUUID().toString()));
        log = dir.resolve("payara.log");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dparley.db.url=jdbc:h2:file:" + dir.toAbsolutePath().resolve("parley"),
                "-Dparley.demo.password=" + DEMO_PASSWORD,
                "-Dparley.auth.pbkdf2-iterations=1024",
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("parley.war", "target/parley.war"),
                "--contextroot", "/",
                "--port", Integer.toString(httpPort), "--sslport", Integer.toString(httpsPort),
                "--nocluster", "--rootdir", dir.resolve("payara").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!Files.readString(log).contains(" ready in ")) {
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Payara Micro did not start; see " + log.toAbsolutePath());
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void overHttpsTheSessionCookieIsSecure() throws Exception {
        String cookie = loginCookie(URI.create("https://localhost:" + httpsPort + "/api/auth/login"));
        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
    }

    @Test
    void overPlainHttpItIsNot() throws Exception {
        String cookie = loginCookie(URI.create("http://localhost:" + httpPort + "/api/auth/login"));
        assertFalse(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }

    private static String loginCookie(URI login) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingPayarasOwnCertificate()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(login)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"alice\",\"password\":\"" + DEMO_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> cookies = response.headers().allValues("set-cookie");
        return cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + cookies));
    }

    /** Payara Micro's HTTPS listener uses a self-signed certificate; this client is only ever for it. */
    private static SSLContext trustingPayarasOwnCertificate() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{trustAll}, null);
        return context;
    }
}
