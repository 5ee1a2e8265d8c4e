package dev.parley.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The web page end to end: two people in two headless Chromium contexts, talking through Parley
 * on Payara Micro. Screenshots of the main screens go to target/screenshots/.
 *
 * NOT YET RUN. Written against the contract of issues 3 and 4 before the chat server existed on
 * the web branch; enable it (remove @Disabled) once the chat branch is merged, and expect to fix
 * details. It signs up fresh users, so it needs open sign-up (the default demo run).
 */
@Disabled("not yet run: needs the chat server (issue 3) merged into this tree")
class ChatInBrowserIT {

    private static final String PASSWORD = "correct horse battery";

    private static ParleyProcess parley;
    private static Chromium chromium;

    private ChatPage alice;
    private ChatPage bob;

    @BeforeAll
    static void start() throws Exception {
        parley = ParleyProcess.start();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (parley != null) parley.close();
    }

    @BeforeEach
    void twoPeopleInGeneral() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alice = new ChatPage(chromium.browser(), parley.url(), 1280, 800).signUp("alice" + suffix, PASSWORD);
        bob = new ChatPage(chromium.browser(), parley.url(), 390, 800).signUp("bob" + suffix, PASSWORD);
        alice.openRoom("general");
        bob.page().getByLabel("Show rooms").click();
        bob.openRoom("general");
    }

    @AfterEach
    void closePages() {
        if (alice != null) alice.close();
        if (bob != null) bob.close();
    }

    @Test
    void twoPeopleExchangeMessagesBothWaysAndEachSeesEveryMessageOnce() {
        alice.send("Hi Bob, lunch at noon?");
        assertThat(bob.messages("Hi Bob, lunch at noon?")).hasCount(1);
        bob.send("Sounds good");
        assertThat(alice.messages("Sounds good")).hasCount(1);
        assertThat(alice.messages("Hi Bob, lunch at noon?")).hasCount(1);
        alice.screenshot("e2e-chat-desktop");
        bob.screenshot("e2e-chat-mobile");
    }

    @Test
    void onePersonSeesTheOtherTyping() {
        bob.typeSlowly("just a sec");
        assertThat(alice.typingLine()).containsText("is typing…");
        alice.screenshot("e2e-typing");
    }

    @Test
    void unreadBadgeRisesForARoomNotInView() {
        alice.openRoom("support").openRoom("general"); // alice now belongs to support, but looks at general
        bob.page().getByLabel("Show rooms").click();
        bob.openRoom("support").send("Printer on 2 is jammed").send("Still jammed");
        assertThat(alice.unreadBadge("support")).containsText("2");
        alice.screenshot("e2e-unread-badge");
        alice.openRoom("support");
        assertThat(alice.unreadBadge("support")).hasCount(0);
    }

    @Test
    void aScriptTagInAMessageIsShownAsText() {
        AtomicBoolean dialog = new AtomicBoolean();
        bob.page().onDialog(d -> {
            dialog.set(true);
            d.dismiss();
        });
        String payload = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
        alice.send(payload);
        assertThat(bob.messages(payload)).hasText(payload);
        assertThat(bob.page().locator("ol.messages img")).hasCount(0);
        assertFalse(dialog.get(), "a script from a message ran");
        bob.screenshot("e2e-script-as-text");
    }

    @Test
    void bothPagesReconnectAfterAServerRestartAndShowEveryMessageExactlyOnce() {
        alice.send("before the restart");
        assertThat(bob.messages("before the restart")).hasCount(1);

        parley.restart();

        alice.awaitConnected();
        bob.awaitConnected();
        alice.send("after the restart");
        bob.send("me too");
        for (ChatPage page : new ChatPage[] {alice, bob}) {
            assertThat(page.messages("before the restart")).hasCount(1);
            assertThat(page.sentMessages("after the restart")).hasCount(1);
            assertThat(page.sentMessages("me too")).hasCount(1);
        }
        alice.screenshot("e2e-after-restart");
    }
}
