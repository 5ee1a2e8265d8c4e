package dev.parley.web;

import dev.parley.it.ParleyProcess;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.it.ParleyProcess.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alice at a desktop-sized window and Bob at a phone-sized one, each in their own headless Chromium context,
 * signed in to Parley on Payara Micro (its own process, so a test can crash and restart it) and landed in
 * general. Every text a test sends carries a fresh tag, so counting messages by text counts only that test's;
 * each test ends with no uncaught error in either page.
 */
abstract class AliceAndBobInBrowsers {

    static ParleyProcess parley;
    static Chromium chromium;

    String tag;
    ChatPage alice;
    ChatPage bob;

    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    static void start() throws Exception {
        chromium = Chromium.launch(); // first: no browser must fail at once, not after a server boot
        parley = ParleyProcess.start();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (parley != null) parley.close();
    }

    @BeforeEach
    void aliceAndBobSignInAndLandInGeneral() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        alice = new ChatPage(chromium.browser(), parley.url(), 1280, 800).signIn("alice", DEMO_PASSWORD);
        bob = new ChatPage(chromium.browser(), parley.url(), 390, 800).signIn("bob", DEMO_PASSWORD);
        for (ChatPage page : List.of(alice, bob)) {
            assertThat(page.page().locator("#room-title")).containsText("general");
            assertThat(page.composer()).isEnabled();
        }
    }

    @AfterEach
    void nothingBrokeInThePages() {
        try {
            for (ChatPage page : new ChatPage[] {alice, bob}) {
                if (page != null) assertEquals(List.of(), page.pageErrors(), "uncaught errors in the page");
            }
        } finally {
            if (alice != null) alice.close();
            if (bob != null) bob.close();
        }
    }
}
