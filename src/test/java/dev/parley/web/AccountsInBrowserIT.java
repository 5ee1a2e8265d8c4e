package dev.parley.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A person's account in the page, in headless Chromium against Parley on Payara Micro: signing up, changing the
 * password on one device, and the name others see, while Alice and Bob are in general.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AccountsInBrowserIT extends AliceAndBobInBrowsers {

    @Test
    void aNewcomerSignsUpAndJoinsTheConversation() {
        try (ChatPage carol = new ChatPage(chromium.browser(), parley.url(), 1280, 800).open()) {
            assertThat(carol.page().getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Parley")))
                    .isVisible();
            carol.screenshot("e2e-sign-in");
            assertEquals(List.of(), carol.consoleErrors(), "a signed-out visitor's console stays clean");

            carol.signUp("carol-" + tag, "Carol Ng " + tag, "correct horse battery");
            assertThat(carol.page().locator("#room-title")).containsText("general");
            String welcome = "Welcome, Carol " + tag;
            alice.send(welcome);
            assertThat(carol.sentMessages(welcome)).hasCount(1);
            carol.send("Thanks! " + tag);
            assertThat(bob.sentMessages("Thanks! " + tag)).hasCount(1);
            // the name she gave, not her user name
            assertThat(bob.sentMessages("Thanks! " + tag).locator(".author")).hasText("Carol Ng " + tag);
            assertEquals(List.of(), carol.pageErrors());
        }
    }

    /** Changed on the desk: the phone's page is signed out, the desk goes on, the new password opens the chat. */
    @Test
    void aPasswordChangedOnTheDeskSignsThePhoneOutAndTheNewOneWorks() {
        String name = "dana-" + tag;
        try (ChatPage desk = new ChatPage(chromium.browser(), parley.url(), 1280, 800);
             ChatPage phone = ChatPage.phone(chromium.browser(), parley.url())) {
            desk.signUp(name, "Dana " + tag, "the old password");
            phone.signIn(name, "the old password");
            Page page = desk.page();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
            page.getByLabel("Current password").fill("the old password");
            page.getByLabel("New password (8 characters or more)").fill("the new password");
            page.getByLabel("New password again").fill("the new password");
            desk.screenshot("e2e-change-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change").setExact(true)).click();

            assertThat(page.getByText("Password changed. Your other sign-ins were signed out.")).isVisible();
            assertThat(phone.page().getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Parley")))
                    .isVisible();
            String still = "Still here " + tag;
            desk.send(still);
            assertThat(desk.sentMessages(still)).hasCount(1);
            phone.signIn(name, "the new password");
            assertThat(phone.sentMessages(still)).hasCount(1);
            assertEquals(List.of(), desk.pageErrors());
            assertEquals(List.of(), phone.pageErrors());
        }
    }

    /** Renamed on the desk: her phone, and Alice's page, show the new name on her messages old and new. */
    @Test
    void aNewNameGivenOnTheDeskShowsOnThePhoneAndOnEveryMessageOfHersAtOnce() {
        String name = "erin-" + tag;
        try (ChatPage desk = new ChatPage(chromium.browser(), parley.url(), 1280, 800);
             ChatPage phone = ChatPage.phone(chromium.browser(), parley.url())) {
            desk.signUp(name, "Erin " + tag, "erin's password");
            phone.signIn(name, "erin's password");
            alice.openRoom("general");
            String before = "Before the new name " + tag;
            desk.send(before);
            assertThat(alice.sentMessages(before).locator(".author")).hasText("Erin " + tag);

            Page page = desk.page();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change name")).click();
            page.getByLabel("Name others see (empty: your username)").fill("Erin Quill " + tag);
            desk.screenshot("e2e-change-name");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

            assertThat(page.getByText("You are now shown as Erin Quill " + tag + ".")).isVisible();
            assertThat(phone.page().locator(".who .name")).hasText("Erin Quill " + tag); // no reload
            assertThat(alice.sentMessages(before).locator(".author")).hasText("Erin Quill " + tag);
            String after = "After the new name " + tag;
            phone.send(after);
            assertThat(alice.sentMessages(after).locator(".author")).hasText("Erin Quill " + tag);
            assertEquals(List.of(), desk.pageErrors());
            assertEquals(List.of(), phone.pageErrors());
        }
    }
}
