package dev.parley.web;

import dev.parley.it.OnWildFly;
import dev.parley.it.WildFlyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The built-in page on WildFly, as a stranger deploys it: the same WAR dropped into WildFly's deployments
 * directory, so it lives under /parley/, not at the root as on Payara. The page must find its API and its
 * Socket.IO path there, connect by long-polling and upgrade through Undertow, and carry a conversation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChatInBrowserWildFlyIT {

    private static final String PASSWORD = "demo-password-for-wildfly-page";

    @RegisterExtension
    static final OnWildFly WILDFLY = new OnWildFly(ChatInBrowserWildFlyIT::start);

    private static Chromium chromium;

    private static WildFlyServer start() throws IOException {
        Path file = Path.of("target", "it-h2", UUID.randomUUID().toString(), "parley").toAbsolutePath();
        return WildFlyServer.start(Map.of("parley.db.url", "jdbc:h2:file:" + file,
                "parley.demo.password", PASSWORD, "parley.auth.pbkdf2-iterations", "1024"));
    }

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) chromium.close();
    }

    @Test
    void twoPeopleTalkThroughThePageUnderItsContextPathAndAReloadKeepsTheConversation() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String url = WILDFLY.url().toString();
        try (ChatPage alice = new ChatPage(chromium.browser(), url, 1280, 800).signIn("alice", PASSWORD);
             ChatPage bob = new ChatPage(chromium.browser(), url, 390, 800).signIn("bob", PASSWORD)) {
            for (ChatPage page : List.of(alice, bob)) {
                assertThat(page.page().locator("#room-title")).containsText("general");
            }
            String question = "Deployed on WildFly? " + tag;
            String answer = "Under /parley/, yes " + tag;

            alice.send(question);
            assertThat(bob.sentMessages(question)).hasCount(1);
            bob.typeSlowly("one moment");
            assertThat(alice.typingLine()).hasText("Bob is typing…");
            bob.composer().fill("");
            bob.send(answer);
            assertThat(alice.sentMessages(answer)).hasCount(1);
            alice.screenshot("e2e-wildfly-chat");

            // the session cookie is the context path's: a reload signs Alice straight back in, with the history
            alice.page().reload();
            alice.awaitConnected();
            assertThat(alice.sentMessages(question)).hasCount(1);
            assertThat(alice.sentMessages(answer)).hasCount(1);

            for (ChatPage page : List.of(alice, bob)) {
                assertEquals(List.of(), page.pageErrors(), "uncaught errors in the page");
            }
        }
    }
}
