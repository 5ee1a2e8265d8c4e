package dev.parley.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.List;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.it.ParleyProcess.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page end to end: Alice at a desk and Bob on a phone talk through Parley on Payara Micro, which the last
 * test crashes and restarts. Screenshots of the main screens go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChatInBrowserIT extends AliceAndBobInBrowsers {

    /** More than the 50 messages of join-room's history: the page must page through the rest. */
    private static final int MISSED_WHILE_AWAY = 60;

    /** What axe-core finds on the sign-in page and in the chat, at a desk and on a phone: nothing. */
    @Test
    void axeFindsNothingToMendInThePagesAccessibility() {
        ChatPage signedOut = new ChatPage(chromium.browser(), parley.url(), 1280, 800).open();
        try {
            assertEquals(List.of(), signedOut.accessibilityViolations(), "the sign-in page");
        } finally {
            signedOut.close();
        }
        alice.send("Accessible? " + tag);
        assertThat(bob.sentMessages("Accessible? " + tag)).hasCount(1);
        assertEquals(List.of(), alice.accessibilityViolations(), "the chat at a desk");
        assertEquals(List.of(), bob.accessibilityViolations(), "the chat on a phone");
    }

    @Test
    @Order(1)
    void twoPeopleExchangeMessagesBothWaysAndEachSeesEveryMessageOnce() {
        String question = "Hi Bob, lunch at noon? " + tag;
        String answer = "Sounds good " + tag;

        alice.send(question);
        assertThat(bob.sentMessages(question)).hasCount(1);
        bob.send(answer);
        assertThat(alice.sentMessages(answer)).hasCount(1);

        for (ChatPage page : List.of(alice, bob)) {
            assertThat(page.sentMessages(question)).hasCount(1);
            assertThat(page.sentMessages(answer)).hasCount(1);
            assertNoDuplicates(page);
        }
        alice.screenshot("e2e-chat-desktop");
        bob.screenshot("e2e-chat-mobile");
    }

    @Test
    @Order(2)
    void onePersonSeesTheOtherTypingUntilTheMessageIsSent() {
        bob.typeSlowly("just a sec " + tag);
        assertThat(alice.typingLine()).hasText("Bob is typing…");
        alice.screenshot("e2e-typing");

        bob.composer().press("Enter");
        assertThat(alice.sentMessages("just a sec " + tag)).hasCount(1);
        assertThat(alice.typingLine()).hasText("");
    }

    @Test
    @Order(3)
    void unreadBadgeRisesForARoomNotInViewAndClearsWhenOpened() {
        String draft = "half a thought " + tag;
        alice.composer().fill(draft);
        alice.openRoom("support").openRoom("general"); // Alice has joined support, but looks at general
        assertThat(alice.composer()).hasValue(draft); // what she had typed waited for her
        assertThat(alice.unreadBadge("support")).hasCount(0);

        String first = "Printer on 2 is jammed " + tag;
        String second = "Still jammed " + tag;
        bob.openRoom("support").send(first).send(second);
        assertThat(bob.sentMessages(second)).hasCount(1);

        assertThat(alice.unreadBadge("support")).hasAttribute("data-unread", "2");
        assertThat(alice.unreadBadge("general")).hasCount(0);
        alice.screenshot("e2e-unread-badge");

        alice.openRoom("support");
        assertThat(alice.unreadBadge("support")).hasCount(0);
        assertThat(alice.sentMessages(first)).hasCount(1);
        assertThat(alice.sentMessages(second)).hasCount(1);
        Locator newLine = alice.page().locator("ol.messages li.new");
        assertThat(newLine).hasCount(1);
        assertThat(newLine).hasText("New messages");
        assertThat(alice.page().locator("ol.messages li.new + li.message")).containsText(first);
        alice.screenshot("e2e-new-messages-line");
        // the line is an item of the list like the others (axe once found a separator role on it, no list item)
        assertEquals(List.of(), alice.accessibilityViolations(), "the chat with its New messages line");

        alice.openRoom("general").openRoom("support");
        assertThat(newLine).hasCount(0); // read: no line the next time
    }

    @Test
    @Order(4)
    void aScriptInAMessageIsShownAsTextAndNeverRuns() {
        AtomicBoolean dialog = new AtomicBoolean();
        bob.page().onDialog(d -> {
            dialog.set(true);
            d.dismiss();
        });
        String payload = "<script>window.parleyXss = 1; alert('xss')</script>"
                + "<img src=x onerror=\"window.parleyXss = 2\"> " + tag;

        alice.send(payload);

        assertThat(bob.sentMessages(payload)).hasCount(1);
        assertThat(bob.sentMessages(payload)).isVisible();
        assertThat(alice.sentMessages(payload)).hasCount(1);
        for (ChatPage page : List.of(alice, bob)) {
            assertThat(page.page().locator("ol.messages img, ol.messages script")).hasCount(0);
            assertNull(page.windowFlag("parleyXss"), "a script from a message ran");
        }
        assertFalse(dialog.get(), "a script from a message opened a dialog");
        bob.screenshot("e2e-script-as-text");
    }

    @Test
    @Order(4)
    void anAddressInAMessageIsALinkThatOpensApartAndOnlyHttpAddressesAre() {
        String text = "notes at https://intranet.example/wiki/Page_(draft)?v=2, not javascript:alert(1) " + tag;

        alice.send(text);

        assertThat(bob.sentMessages(text)).hasCount(1);
        Locator links = bob.sentMessages(text).locator("a");
        assertThat(links).hasCount(1);
        assertThat(links).hasAttribute("href", "https://intranet.example/wiki/Page_(draft)?v=2");
        assertThat(links).hasText("https://intranet.example/wiki/Page_(draft)?v=2");
        assertThat(links).hasAttribute("target", "_blank");
        assertThat(links).hasAttribute("rel", "noopener noreferrer nofollow");
        assertEquals(text, bob.sentMessages(text).locator("p.text").textContent(), "the text is shown whole");
        bob.screenshot("e2e-link-mobile");
    }

    /** The link goes silent: the message waits, is shown failed, and goes again once the link resets. */
    @Test
    @Order(6)
    void aMessageSentIntoALinkThatWentSilentGoesAgainOnceWhenTheConnectionIsBack() throws Exception {
        sendIntoASilentLink(SilentLink::silence);
    }

    /** The server stored it and only its answer was lost: it is shown once, and stored once, all the same. */
    @Test
    @Order(6)
    void aMessageWhoseAnswerWasLostInASilentLinkShowsOnceWhenTheConnectionIsBack() throws Exception {
        sendIntoASilentLink(SilentLink::silenceReplies);
    }

    private void sendIntoASilentLink(java.util.function.Consumer<SilentLink> silence) throws Exception {
        try (SilentLink link = SilentLink.to(URI.create(parley.url()).getPort());
             ChatPage onTheTrain = new ChatPage(chromium.browser(), link.url(parley.url()), 1280, 800)
                     .signIn("alice", DEMO_PASSWORD)) {
            assertThat(onTheTrain.page().locator("#room-title")).containsText("general");
            String before = "before the tunnel " + tag;
            onTheTrain.send(before); // acknowledged: the page has joined the room through the link
            assertThat(onTheTrain.sentMessages(before)).hasCount(1);
            String text = "sent in the tunnel " + tag;

            silence.accept(link);
            onTheTrain.send(text);
            assertThat(onTheTrain.messages(text).and(onTheTrain.page().locator("li.message[data-status=failed]")))
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000)); // the page waits 10 s

            link.cut(); // the link resets at last: the page reconnects and sends it again by itself
            assertThat(onTheTrain.sentMessages(text)).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
            assertThat(bob.sentMessages(text)).hasCount(1);
            assertThat(alice.sentMessages(text)).hasCount(1);
            assertNoDuplicates(onTheTrain);
            assertEquals(List.of(), onTheTrain.pageErrors(), "uncaught errors in the page");
        }
        for (ChatPage page : List.of(alice, bob)) { // stored once: a reload shows it once too
            page.page().reload();
            assertThat(page.sentMessages("sent in the tunnel " + tag)).hasCount(1);
        }
    }

    @Test
    @Order(6)
    void aReaderScrolledUpIsToldOfNewMessagesBelowAndJumpsToThem() {
        RestPoster admin = new RestPoster(parley.url(), "admin", DEMO_PASSWORD);
        for (int i = 0; i < 60; i++) {
            admin.post("support", "line " + i + " " + tag);
        }
        alice.openRoom("support");
        assertThat(alice.sentMessages("line 59 " + tag)).hasCount(1);
        alice.page().locator(".scroller").evaluate("s => s.scrollTop = 0");
        Locator jump = alice.page().locator("button.jump");
        assertThat(jump).hasText("Jump to the latest ↓");

        String news = "news below " + tag;
        bob.openRoom("support").send(news);
        assertThat(jump).hasText("1 new message ↓");
        assertThat(alice.sentMessages(news)).not().isInViewport();
        alice.screenshot("e2e-new-below");
        jump.click();
        assertThat(alice.sentMessages(news)).isInViewport();
        assertThat(jump).hasCount(0);

        alice.page().locator(".scroller").evaluate("s => s.scrollTop = 0");
        String mine = "typed while scrolled up " + tag;
        alice.send(mine); // one's own message is always shown
        assertThat(alice.sentMessages(mine)).isInViewport();
    }

    @Test
    @Order(6)
    void onATouchScreenPickingARoomLeavesTheKeyboardDownAndADeskPutsTheCursorInTheComposer() {
        try (ChatPage phone = ChatPage.phone(chromium.browser(), parley.url()).signIn("bob", DEMO_PASSWORD)) {
            phone.openRoom("support");
            assertThat(phone.page().locator("#room-title")).isFocused();
            assertThat(phone.composer()).not().isFocused();
            assertEquals(List.of(), phone.pageErrors(), "uncaught errors in the page");
        }
        alice.openRoom("support");
        assertThat(alice.composer()).isFocused();
    }

    @Test
    @Order(0)
    void thePagesScriptIsGzippedAndCachedForAYear() {
        PageAssetsCheck.assertTheScriptIsGzippedAndCachedForAYear(URI.create(parley.url()));
    }

    /**
     * A page written for the Node server, which loads the client from the server itself
     * ({@code <script src="/socket.io/socket.io.min.js">}), in Alice's browser (her session cookie): it
     * connects, joins general and posts, and Bob's built-in page shows the message.
     */
    @Test
    @Order(6)
    void aPageLoadingTheServersSocketIoJsChatsWithTheBuiltInPage() {
        String text = "from a page on the server's socket.io.js " + tag;
        try (Page plain = alice.page().context().newPage()) {
            plain.navigate(parley.url() + "api/me"); // any page of this origin, not the built-in one
            plain.addScriptTag(new Page.AddScriptTagOptions().setUrl(parley.url() + "socket.io/socket.io.min.js"));
            Object ack = plain.evaluate("""
                    async (text) => {
                      const rooms = await (await fetch('/api/rooms')).json();
                      const general = (rooms.rooms ?? rooms).find((room) => room.name === 'general');
                      const socket = io({ withCredentials: true });
                      await new Promise((resolve, reject) => {
                        socket.on('connect', resolve);
                        socket.on('connect_error', reject);
                      });
                      const joined = await socket.timeout(10000).emitWithAck('join-room', general.id);
                      const posted = await socket.timeout(10000).emitWithAck('message', { roomId: general.id, text });
                      if (socket.io.engine.transport.name !== 'websocket') {
                        await new Promise((resolve) => socket.io.engine.once('upgrade', resolve));
                      }
                      const transport = socket.io.engine.transport.name;
                      socket.disconnect();
                      return { joined: joined.ok, posted: posted.ok, hasId: typeof posted.id === 'number', transport };
                    }""", text);
            assertEquals(Map.of("joined", true, "posted", true, "hasId", true, "transport", "websocket"), ack);
        }
        assertThat(bob.sentMessages(text)).hasCount(1);
    }

    /**
     * The server crashes mid-conversation and comes back on the same port and database. Both pages
     * reconnect by themselves; what Bob typed while it was down goes out once it is back; more than a
     * history page of messages posted while they were away is all fetched, in order; every message
     * shows exactly once.
     */
    @Test
    @Order(7)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void bothPagesReconnectAfterAServerRestartAndShowEveryMessageExactlyOnce() {
        String before = "before the restart " + tag;
        String queued = "typed while the server was down " + tag;
        String after = "after the restart " + tag;
        List<String> missed = IntStream.rangeClosed(1, MISSED_WHILE_AWAY)
                .mapToObj(i -> "missed " + i + " of " + MISSED_WHILE_AWAY + " " + tag).toList();
        alice.send(before);
        assertThat(bob.sentMessages(before)).hasCount(1);

        parley.crash();
        alice.awaitReconnecting();
        bob.awaitReconnecting();
        bob.send(queued);
        assertThat(bob.messages(queued).and(bob.page().locator("li.message[data-status=pending]"))).hasCount(1);
        alice.screenshot("e2e-reconnecting");
        bob.screenshot("e2e-queued-while-down-mobile");

        // Bob's first catch-up request fails (a proxy's 502, the Wi-Fi dropping): his page must fetch
        // what it missed later on, not take the join's newer history for the end of the hole
        AtomicBoolean failedOnce = new AtomicBoolean();
        bob.page().route(url -> url.contains("/messages?after="), route -> {
            if (failedOnce.compareAndSet(false, true)) {
                route.abort();
            } else {
                route.resume();
            }
        });
        parley.boot();
        // Right away, while the pages are most likely still waiting for their next attempt: more than the
        // join-room history holds, so a page that only rejoined would show a gap.
        RestPoster admin = new RestPoster(parley.url(), "admin", DEMO_PASSWORD);
        missed.forEach(text -> admin.post("general", text));

        alice.awaitConnected();
        bob.awaitConnected();
        alice.send(after);
        for (ChatPage page : List.of(alice, bob)) {
            for (String text : List.of(before, queued, missed.get(0), missed.get(missed.size() - 1), after)) {
                assertThat(page.sentMessages(text)).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
            }
            List<String> shown = page.sentTexts().stream().filter(text -> text.endsWith(tag)).toList();
            assertEquals(missed, shown.stream().filter(text -> text.startsWith("missed ")).toList(),
                    "every missed message, in order, once");
            for (String text : List.of(before, queued, after)) {
                assertEquals(1, shown.stream().filter(text::equals).count(), text + " in " + shown);
            }
            assertNoDuplicates(page);
        }
        assertTrue(failedOnce.get(), "Bob's first catch-up was made to fail");
        alice.screenshot("e2e-after-restart");
        bob.screenshot("e2e-after-restart-mobile");
    }

    /** Every message element is one stored message: no id twice, none left unacknowledged. */
    private static void assertNoDuplicates(ChatPage page) {
        List<String> ids = page.messageIds();
        assertFalse(ids.contains(""), "a message is still unacknowledged: " + ids);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a message shows twice: " + ids);
    }
}
