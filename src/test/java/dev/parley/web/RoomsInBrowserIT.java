package dev.parley.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rooms in the page, in headless Chromium against Parley on Payara Micro: a private room's members, and a room
 * renamed by its creator, while Alice is at a desk and Bob on a phone.
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
}
