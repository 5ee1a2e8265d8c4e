package dev.parley.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.parley.it.ParleyProcess.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Editing, deleting, reacting and replying to, formatting and finding messages in the page, in headless Chromium against Parley on Payara Micro: Alice
 * at a desk, Bob on a phone, and an administrator who moderates. Each page shows the other's change without a
 * reload, and a reload shows what was stored.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MessagesInBrowserIT extends AliceAndBobInBrowsers {

    @Test
    void anAuthorEditsHerMessageInPlaceThenDeletesItAndTheOtherPageFollows() {
        String typo = "Lunch at noen? " + tag;
        String fixed = "Lunch at noon? " + tag;
        String id = aliceSaysAndBobSees(typo);

        Locator hers = message(bob, id);
        assertThat(hers.locator("button.edit-message, button.delete-message")).hasCount(0); // not his to change
        Locator mine = message(alice, id);
        mine.hover();
        mine.locator("button.edit-message").click();
        Locator editor = mine.locator("textarea.edit-text");
        assertThat(editor).isFocused();
        assertThat(editor).hasValue(typo);
        assertEquals(List.of(), alice.accessibilityViolations(), "the page with the editor open");
        editor.fill(fixed);
        alice.screenshot("e2e-edit-message");
        editor.press("Enter");

        for (Locator shown : List.of(mine, hers)) {
            assertThat(shown.locator("p.text")).hasText(fixed + " (edited)");
            assertThat(shown.locator(".edited")).isVisible();
        }

        mine.hover();
        mine.locator("button.delete-message").click();
        assertThat(mine.getByText("Delete this message?")).isVisible();
        mine.locator("button.confirm-delete").click();
        for (Locator shown : List.of(mine, hers)) {
            assertThat(shown.locator("p.text.gone")).hasText("This message was deleted.");
        }
        bob.screenshot("e2e-deleted-message");

        bob.page().reload(); // what was stored: the tombstone, in its place
        assertThat(message(bob, id).locator("p.text.gone")).hasText("This message was deleted.");
        assertThat(bob.messages(typo)).hasCount(0);
        assertThat(bob.messages(fixed)).hasCount(0);
    }

    /**
     * Bob reacts to Alice's message from the picker on his phone, Alice adds hers with the chip, Bob takes his
     * back: both pages follow each change, a reload shows what was stored, and a deletion takes them away.
     */
    @Test
    void reactionsFromThePickerAndTheChipsShowOnBothPages() {
        String news = "We shipped it! " + tag;
        String id = aliceSaysAndBobSees(news);
        Locator onBobs = message(bob, id);
        Locator onAlices = message(alice, id);

        onBobs.locator("button.add-reaction").click();
        assertThat(onBobs.locator("[role=group][aria-label='Choose a reaction']")).isVisible();
        assertEquals(List.of(), bob.accessibilityViolations(), "the page with the picker open");
        onBobs.getByLabel("React with 🎉").click();
        assertThat(onBobs.locator("[role=group][aria-label='Choose a reaction']")).hasCount(0);
        assertThat(onBobs.locator("button.add-reaction")).isFocused();
        Locator aliceChip = onAlices.locator("button.reaction[data-emoji='🎉']");
        assertThat(aliceChip.locator(".count")).hasText("1");
        assertThat(aliceChip).hasAttribute("aria-pressed", "false");
        assertThat(aliceChip).hasAttribute("title", "Bob");

        aliceChip.click(); // hers too
        Locator bobChip = onBobs.locator("button.reaction[data-emoji='🎉']");
        for (Locator chip : List.of(aliceChip, bobChip)) {
            assertThat(chip.locator(".count")).hasText("2");
        }
        assertThat(aliceChip).hasAttribute("aria-pressed", "true");
        assertThat(bobChip).hasAttribute("aria-pressed", "true");
        alice.screenshot("e2e-reactions");

        bobChip.click(); // and he takes his back
        assertThat(aliceChip.locator(".count")).hasText("1");
        assertThat(bobChip).hasAttribute("aria-pressed", "false");
        assertThat(aliceChip).hasAttribute("title", "You");
        bob.page().reload();
        Locator stored = message(bob, id).locator("button.reaction[data-emoji='🎉']");
        assertThat(stored.locator(".count")).hasText("1");
        assertThat(stored).hasAttribute("aria-pressed", "false");

        onAlices.hover();
        onAlices.locator("button.delete-message").click();
        onAlices.locator("button.confirm-delete").click();
        assertThat(message(bob, id).locator("button.reaction")).hasCount(0);
        assertThat(onAlices.locator("button.reaction, button.add-reaction")).hasCount(0);
    }

    /**
     * What chat users type to format a message shows formatted in the other page: inline code, bold, italic, a
     * code block kept as typed, a quote; markup in it stays text.
     */
    @Test
    void formattingShowsCodeEmphasisBlocksAndQuotesAndMarkupStaysText() {
        String text = "Run `npm ci`, **not** _npm install_ " + tag + "\n```\nline one\n  indented <b>x</b>\n```\n> quoted " + tag;
        alice.send(text);
        Locator shown = bob.page().locator("ol.messages li.message[data-status=sent]")
                .filter(new Locator.FilterOptions().setHasText("quoted " + tag));
        assertThat(shown).hasCount(1);
        assertThat(shown.locator("code").first()).hasText("npm ci");
        assertThat(shown.locator("strong")).hasText("not");
        assertThat(shown.locator("em")).hasText("npm install");
        assertThat(shown.locator("pre")).hasText("line one\n  indented <b>x</b>");
        assertThat(shown.locator("blockquote")).hasText("quoted " + tag);
        assertThat(shown.locator("b, script, img")).hasCount(0);
        bob.screenshot("e2e-formatting");
        assertEquals(List.of(), bob.accessibilityViolations(), "the page with a formatted message");
    }

    /**
     * Bob answers Alice's question from his phone: the composer says whom he replies to (Escape lets go of it),
     * his reply shows her question in both pages, and in hers the quote leads back to the question.
     */
    @Test
    void aReplyShowsWhatItAnswersAndLeadsBackToIt() {
        String question = "Who has the van keys? " + tag;
        String id = aliceSaysAndBobSees(question);
        Locator onBobs = message(bob, id);

        onBobs.locator("button.reply-message").click();
        assertThat(bob.page().locator("div.replying")).containsText("Replying to Alice");
        assertThat(bob.composer()).isFocused();
        bob.composer().press("Escape");
        assertThat(bob.page().locator("div.replying")).hasCount(0);
        onBobs.locator("button.reply-message").click();
        assertEquals(List.of(), bob.accessibilityViolations(), "the page while replying");
        String answer = "I have them " + tag;
        bob.send(answer);
        assertThat(bob.page().locator("div.replying")).hasCount(0);

        for (ChatPage page : List.of(alice, bob)) {
            Locator quote = page.sentMessages(answer).locator("button.reply-quote");
            assertThat(quote.locator(".reply-author")).hasText("Alice");
            assertThat(quote.locator(".reply-text")).hasText(question);
        }
        alice.screenshot("e2e-reply");
        alice.sentMessages(answer).locator("button.reply-quote").click();
        assertThat(message(alice, id)).hasClass(Pattern.compile("\\bfound\\b"));
    }

    @Test
    void arrowUpInAnEmptyComposerEditsTheLastMessageAndEscapeComesBack() {
        String text = "Meeting moved to 3 " + tag;
        alice.send(text);
        String id = alice.sentMessages(text).getAttribute("data-id");

        alice.composer().press("ArrowUp");
        Locator editor = message(alice, id).locator("textarea.edit-text");
        assertThat(editor).isFocused();
        editor.fill("");
        editor.press("Enter");
        assertThat(message(alice, id).getByRole(AriaRole.ALERT)).isVisible(); // nothing to save
        editor.press("Escape");
        assertThat(alice.composer()).isFocused();
        assertThat(bob.sentMessages(text)).hasCount(1); // unchanged, and not marked edited
    }

    @Test
    void anAdministratorDeletesSomeoneElsesMessageButCannotEditIt() {
        String spam = "Buy cheap watches " + tag;
        bob.send(spam);
        try (ChatPage admin = new ChatPage(chromium.browser(), parley.url(), 1280, 800).signIn("admin", DEMO_PASSWORD)) {
            assertThat(admin.sentMessages(spam)).hasCount(1);
            String id = admin.sentMessages(spam).getAttribute("data-id");
            Locator his = message(admin, id);
            his.hover();
            assertThat(his.locator("button.edit-message")).hasCount(0);
            his.locator("button.delete-message").click();
            his.locator("button.confirm-delete").click();

            assertThat(message(bob, id).locator("p.text.gone")).hasText("This message was deleted.");
            assertThat(message(alice, id).locator("p.text.gone")).hasText("This message was deleted.");
            assertEquals(List.of(), admin.pageErrors());
        }
    }

    /**
     * Bob's link goes silent; meanwhile Alice edits one message, deletes another and reacts to a third, all older
     * than the 50 newest the room's join gives back. The link resets, the page reconnects on a new socket (the events sent to the
     * old one are lost), and it must still show both changes: it asks for what changed among the messages it holds.
     */
    @Test
    void changesMissedWhileTheLinkWasDownShowOnceThePageIsBack() throws Exception {
        RestPoster author = new RestPoster(parley.url(), "alice", DEMO_PASSWORD);
        RestPoster admin = new RestPoster(parley.url(), "admin", DEMO_PASSWORD);
        try (SilentLink link = SilentLink.to(URI.create(parley.url()).getPort());
             ChatPage onTheTrain = new ChatPage(chromium.browser(), link.url(parley.url()), 1280, 800)
                     .signIn("bob", DEMO_PASSWORD)) {
            assertThat(onTheTrain.composer()).isEnabled();
            long edited = author.post("general", "to be edited away " + tag);
            long deleted = author.post("general", "to be deleted away " + tag);
            long reacted = author.post("general", "to be reacted to " + tag);
            for (int i = 0; i < 55; i++) {
                admin.post("general", "filler " + i + " " + tag);
            }
            assertThat(onTheTrain.sentMessages("filler 54 " + tag)).hasCount(1);
            assertThat(message(onTheTrain, String.valueOf(deleted)).locator("p.text")).hasText("to be deleted away " + tag);

            link.silence();
            author.edit("general", edited, "edited while you were away " + tag);
            author.delete("general", deleted);
            author.react("general", reacted, "👀");
            link.cut();

            onTheTrain.awaitConnected();
            assertThat(message(onTheTrain, String.valueOf(edited)).locator("p.text"))
                    .hasText("edited while you were away " + tag + " (edited)");
            assertThat(message(onTheTrain, String.valueOf(deleted)).locator("p.text.gone"))
                    .hasText("This message was deleted.");
            assertThat(message(onTheTrain, String.valueOf(reacted)).locator("button.reaction[data-emoji='👀'] .count"))
                    .hasText("1");
            assertEquals(List.of(), onTheTrain.pageErrors());
        }
    }

    /** A message counted into the badge of a room Bob is not looking at, then deleted: it counts no more. */
    @Test
    void aDeletedMessageLeavesTheUnreadBadgeOfARoomNotInView() {
        bob.openRoom("support").openRoom("general");
        bob.page().reload(); // the page now holds general alone; he is a member of support
        assertThat(bob.page().locator("#room-title")).containsText("general");
        assertThat(bob.unreadBadge("support")).hasCount(0);

        RestPoster author = new RestPoster(parley.url(), "alice", DEMO_PASSWORD);
        author.post("support", "Coffee machine fixed " + tag);
        long mistake = author.post("support", "Wrong room, sorry " + tag);
        assertThat(bob.unreadBadge("support")).hasAttribute("data-unread", "2");
        author.delete("support", mistake);
        assertThat(bob.unreadBadge("support")).hasAttribute("data-unread", "1");
    }

    /** Bob searches on his phone: every room's matches, then this room's only; a result opens its room, shown. */
    @Test
    void aSearchFindsMessagesInEveryRoomAndOpensTheOneChosen() {
        String word = "kumquat" + tag;
        alice.send("Who ordered the " + word + " crate?");
        String here = alice.sentMessages("Who ordered the " + word + " crate?").getAttribute("data-id");
        new RestPoster(parley.url(), "alice", DEMO_PASSWORD).post("support", word.toUpperCase() + " delivery is late");
        assertThat(bob.sentMessages("Who ordered the " + word + " crate?")).hasCount(1);

        Page page = bob.page();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
        Locator input = page.getByLabel("Search messages");
        assertThat(input).isFocused();
        input.fill(word);
        input.press("Enter");
        Locator results = page.locator("ol.search-results li.search-result");
        assertThat(results).hasCount(2);
        assertThat(page.locator("p.search-status")).hasText("2 messages");
        assertThat(results.first().locator("mark")).hasText(word.toUpperCase()); // newest first: support's
        assertEquals(List.of(), bob.accessibilityViolations(), "the page with search results on a phone");
        bob.screenshot("e2e-search");

        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("This room")).check();
        assertThat(results).hasCount(1);
        assertThat(results.first()).hasAttribute("data-id", here);
        input.fill("nothing like " + word);
        input.press("Enter");
        assertThat(page.locator(".search-empty")).hasText("No messages match \u201cnothing like " + word + "\u201d.");

        input.fill(word);
        input.press("Enter");
        results.first().locator("button").click();
        assertThat(page.locator("section#search")).hasCount(0);
        assertThat(page.locator("#room-title")).containsText("general");
        assertThat(page.locator("li.message.found[data-id='" + here + "']")).hasCount(1);
    }

    /** Signed out and in as someone else without a reload: the search field and results are the new person's. */
    @Test
    void theNextPersonAtTheBrowserDoesNotFindTheLastOnesSearch() {
        String word = "plans" + tag;
        alice.send("The " + word + " for Friday");
        Page page = alice.page();
        Locator search = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true));
        search.click();
        page.getByLabel("Search messages").fill(word);
        page.getByLabel("Search messages").press("Enter");
        Locator results = page.locator("ol.search-results li.search-result");
        assertThat(results).hasCount(1);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close search")).click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.getByLabel("User name").fill("bob");
        page.getByLabel("Password").fill(DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        alice.awaitConnected();
        search.click();
        assertThat(page.getByLabel("Search messages")).hasValue("");
        assertThat(results).hasCount(0);
    }

    /** Alice sends the text, Bob's page shows it acknowledged; the message's id. */
    private String aliceSaysAndBobSees(String text) {
        alice.send(text);
        assertThat(bob.sentMessages(text)).hasCount(1);
        return alice.sentMessages(text).getAttribute("data-id");
    }

    private static Locator message(ChatPage page, String id) {
        return page.page().locator("ol.messages li.message[data-id='" + id + "']");
    }
}
