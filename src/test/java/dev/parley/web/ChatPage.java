package dev.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.it.NodeScript;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * One person using the chat page in their own browser context (own cookies). Finds things the way
 * a person or a screen reader does: by role, label and visible text. Everything the page itself
 * reports as broken (an uncaught script error) is collected in {@link #pageErrors()}.
 */
final class ChatPage implements AutoCloseable {

    /** Long enough for a loaded 2-core CI machine, short enough that a broken page fails soon. */
    private static final double ACTION_TIMEOUT_MS = 15_000;
    private static final double RECONNECT_TIMEOUT_MS = 60_000;

    private final BrowserContext context;
    private final Page page;
    private final String baseUrl;
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());

    ChatPage(Browser browser, String baseUrl, int width, int height) {
        this(browser, baseUrl, new Browser.NewContextOptions().setViewportSize(width, height));
    }

    /** A phone: a touch screen, which the page tells by its coarse pointer. */
    static ChatPage phone(Browser browser, String baseUrl) {
        return new ChatPage(browser, baseUrl, new Browser.NewContextOptions().setViewportSize(390, 800)
                .setHasTouch(true).setIsMobile(true));
    }

    private ChatPage(Browser browser, String baseUrl, Browser.NewContextOptions options) {
        this.context = browser.newContext(options);
        this.context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        this.page = context.newPage();
        this.page.onPageError(pageErrors::add);
        this.page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text() + " at " + message.location());
            }
        });
        this.baseUrl = baseUrl;
    }

    Page page() {
        return page;
    }

    List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** What the page's console showed as errors, failed requests included. */
    List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    ChatPage open() {
        page.navigate(baseUrl);
        assertThat(page.getByLabel("User name")).isVisible();
        return this;
    }

    ChatPage signIn(String username, String password) {
        open();
        page.getByLabel("User name").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        awaitConnected();
        return this;
    }

    ChatPage signUp(String username, String displayName, String password) {
        open();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create an account")).click();
        page.getByLabel("User name").fill(username);
        page.getByLabel("Name shown to others").fill(displayName);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        awaitConnected();
        return this;
    }

    /** Opens a room from the sidebar; at phone width through the "Show rooms" drawer, as a person would. */
    ChatPage openRoom(String name) {
        Locator showRooms = page.getByLabel("Show rooms");
        if (showRooms.isVisible()) {
            showRooms.click();
        }
        roomLink(name).click();
        assertThat(page.locator("#room-title")).containsText(name);
        assertThat(composer()).isEnabled();
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

    /**
     * Message elements whose text is exactly this (text as the user sees it, never parsed as HTML): a {@code p.text},
     * or a {@code div.text} for a message with a code block or a quote.
     */
    Locator messages(String text) {
        return page.locator("ol.messages li.message").filter(new Locator.FilterOptions()
                .setHas(page.locator(":is(p, div).text", new Page.LocatorOptions().setHasText(exactly(text)))));
    }

    /** The same, only those the server has acknowledged (not pending, not failed). */
    Locator sentMessages(String text) {
        return messages(text).and(page.locator("li.message[data-status=sent]"));
    }

    /** The text of every acknowledged message on screen, in the order shown. */
    List<String> sentTexts() {
        return page.locator("ol.messages li.message[data-status=sent] :is(p, div).text").allTextContents();
    }

    /** The server ids of every message element on screen, in order (empty for unacknowledged ones). */
    List<String> messageIds() {
        return page.locator("ol.messages li.message").all().stream().map(li -> li.getAttribute("data-id")).toList();
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
        assertThat(connection("connected")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(RECONNECT_TIMEOUT_MS));
    }

    void awaitReconnecting() {
        assertThat(connection("reconnecting")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(RECONNECT_TIMEOUT_MS));
    }

    /** A global the test watches: any script smuggled in through a message would set it. */
    Object windowFlag(String name) {
        return page.evaluate("name => window[name]", name);
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserDriverTest.SCREENSHOTS.resolve(name + ".png")));
    }

    /** A pattern for the whole text, escaped for JavaScript (Playwright runs it there, where \Q…\E does not exist). */
    private static Pattern exactly(String text) {
        return Pattern.compile("^" + text.replaceAll("[.*+?^${}()|\\[\\]\\\\/]", "\\\\$0") + "$");
    }

    /**
     * The accessibility rules axe-core (the engine behind browsers' accessibility audits) finds broken on the
     * page as it is now, one line per rule: its id, impact, how many elements and the first of them.
     */
    List<String> accessibilityViolations() {
        page.addScriptTag(new Page.AddScriptTagOptions().setPath(NodeScript.packageFile("axe-core/axe.min.js")));
        Object found = page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                + ".map(v => `${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} element(s), e.g. ${v.nodes[0].target.join(' ')}`)");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
