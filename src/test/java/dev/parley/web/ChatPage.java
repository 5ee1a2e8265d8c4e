package dev.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * One person using the chat page in their own browser context (own cookies). Finds things the way
 * a person or a screen reader does: by role, label and visible text.
 */
final class ChatPage implements AutoCloseable {

    private final BrowserContext context;
    private final Page page;
    private final String baseUrl;

    ChatPage(Browser browser, String baseUrl, int width, int height) {
        this.context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        this.page = context.newPage();
        this.baseUrl = baseUrl;
    }

    Page page() {
        return page;
    }

    ChatPage signIn(String username, String password) {
        page.navigate(baseUrl);
        page.getByLabel("User name").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        awaitConnected();
        return this;
    }

    /** Open sign-up (on in Parley's default demo run) gives each test its own fresh users. */
    ChatPage signUp(String username, String password) {
        page.navigate(baseUrl);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an account")).click();
        page.getByLabel("User name").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        awaitConnected();
        return this;
    }

    ChatPage openRoom(String name) {
        roomLink(name).click();
        assertThat(page.locator("#room-title")).containsText(name);
        return this;
    }

    ChatPage send(String text) {
        composer().fill(text);
        composer().press("Enter");
        return this;
    }

    /** Types key by key without sending, so the page emits `typing`. */
    ChatPage typeSlowly(String text) {
        composer().pressSequentially(text, new Locator.PressSequentiallyOptions().setDelay(40));
        return this;
    }

    Locator composer() {
        return page.locator("#composer-text");
    }

    /** Messages whose text is exactly this (text as the user sees it, never parsed as HTML). */
    Locator messages(String text) {
        return page.locator("ol.messages p.text").filter(new Locator.FilterOptions().setHasText(text));
    }

    Locator sentMessages(String text) {
        return page.locator("ol.messages li.message[data-status=sent]").filter(new Locator.FilterOptions().setHasText(text));
    }

    Locator typingLine() {
        return page.locator(".typing");
    }

    Locator roomLink(String name) {
        return page.locator("nav#sidebar button[data-room='" + name + "']");
    }

    Locator unreadBadge(String room) {
        return roomLink(room).locator(".badge");
    }

    /** The status bar in one state: connected, connecting, reconnecting, offline or refused. */
    Locator connection(String status) {
        return page.locator(".bar[data-status=" + status + "]");
    }

    void awaitConnected() {
        assertThat(connection("connected")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserDriverTest.SCREENSHOTS.resolve(name + ".png")));
    }

    @Override
    public void close() {
        context.close();
    }
}
