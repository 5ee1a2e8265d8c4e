package dev.parley.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rooms in the page, in headless Chromium against Parley on Payara Micro: a private room's members, a room
 * renamed by its creator, and a direct conversation, while Alice is at a desk and Bob on a phone.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RoomsInBrowserIT extends AliceAndBobInBrowsers {

    /**
     * A private room made by one person appears in her page at once; she adds a colleague from the member
     * list, whose page lists the room without a reload; he posts there, then leaves, and it is gone from his.
     */
    @Test
    void aPrivateRoomsMemberAddsSomeoneWhoSeesItAtOnceAndMayLeaveIt() {
        String name = "plans-" + tag;
        Object status = alice.page().evaluate("name => fetch('/api/rooms', {method: 'POST', headers: "
                + "{'content-type': 'application/json'}, body: JSON.stringify({name, visibility: 'private'})})"
                + ".then(r => r.status)", name);
        assertEquals(201, ((Number) status).intValue());
        assertThat(alice.roomLink(name)).isVisible(); // created over REST: her page hears of it
        assertThat(bob.roomLink(name)).hasCount(0);

        alice.openRoom(name);
        alice.page().getByLabel("Add someone").fill("bob");
        alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(alice.page().locator(".invite [role=status]")).containsText("was added");
        assertThat(bob.roomLink(name)).hasCount(1); // no reload

        String hello = "Count me in " + tag;
        bob.openRoom(name).send(hello);
        assertThat(alice.sentMessages(hello)).hasCount(1);
        alice.screenshot("e2e-private-room-members");

        bob.page().locator(".members-toggle").click(); // phone width: the member list is a drawer
        bob.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave this room")).click();
        assertThat(bob.roomLink(name)).hasCount(0);
        assertThat(bob.page().locator("#room-title")).containsText("general");
        alice.page().getByLabel("Add someone").fill("nobody-" + tag);
        alice.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(alice.page().locator(".invite [role=alert]")).containsText("No such account");
    }

    /** Alice renames the room she made; Bob's page lists it under the new name without a reload, and may not. */
    @Test
    void aRoomsCreatorRenamesItAndEveryPageFollows() {
        String draft = "standup-" + tag;
        String fixed = "daily-standup-" + tag;
        Object status = alice.page().evaluate("name => fetch('/api/rooms', {method: 'POST', headers: "
                + "{'content-type': 'application/json'}, body: JSON.stringify({name, visibility: 'public'})})"
                + ".then(r => r.status)", draft);
        assertEquals(201, ((Number) status).intValue());
        assertThat(bob.roomLink(draft)).hasCount(1);

        alice.openRoom(draft);
        Page page = alice.page();
        page.locator("#members .rename-room").click();
        page.locator("#members .room-name-input").fill("general");
        page.locator("#members .save-room-name").click();
        assertThat(page.locator("#members form[aria-label='Rename room'] [role=alert]")).containsText("exists");
        page.locator("#members .room-name-input").fill(fixed);
        alice.screenshot("e2e-rename-room");
        page.locator("#members .room-name-input").press("Enter");

        assertThat(page.locator("#members [role=status]").filter(new Locator.FilterOptions()
                .setHasText("Renamed to"))).hasText("Renamed to #" + fixed + ".");
        assertThat(page.locator("#room-title")).containsText(fixed);
        assertThat(bob.roomLink(fixed)).hasCount(1); // no reload
        assertThat(bob.roomLink(draft)).hasCount(0);
        bob.openRoom(fixed);
        assertThat(bob.page().locator("#members .rename-room")).hasCount(0); // not his room
    }

    /**
     * Alice messages Bob from general's member list: her page opens their conversation under his name, his lists
     * it under hers without a reload, with a badge for what she said; he answers there. It has no name to change
     * and no one to add, and nothing in it breaks axe's rules.
     */
    @Test
    void aDirectConversationOpensFromTheMemberListAndAppearsOnTheOtherSide() {
        String psst = "Got a minute? " + tag;
        Page page = alice.page();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Message Bob").setExact(true)).click();
        assertThat(page.locator("#room-title")).containsText("Bob");
        assertThat(alice.roomLink("Bob")).hasAttribute("data-direct", "true");
        alice.send(psst);

        assertThat(bob.roomLink("Alice")).hasAttribute("data-direct", "true"); // no reload
        assertThat(bob.unreadBadge("Alice")).hasAttribute("data-unread", "1");
        bob.openRoom("Alice");
        assertThat(bob.sentMessages(psst)).hasCount(1);
        String sure = "Sure, call me " + tag;
        bob.send(sure);
        assertThat(alice.sentMessages(sure)).hasCount(1);

        assertThat(page.locator("#members .rename-room")).hasCount(0);
        assertThat(page.getByLabel("Add someone")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave this room"))).hasCount(0);
        alice.screenshot("e2e-direct-conversation");
        assertEquals(List.of(), alice.accessibilityViolations());
        assertEquals(List.of(), bob.accessibilityViolations());

        // opened again from the member list, it is the same conversation
        alice.openRoom("general");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Message Bob").setExact(true)).click();
        assertThat(alice.sentMessages(psst)).hasCount(1);
        assertThat(alice.roomLink("Bob")).hasCount(1);
    }
}
