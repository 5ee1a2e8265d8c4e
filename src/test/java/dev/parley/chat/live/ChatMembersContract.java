package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.NodeScript;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static dev.parley.chat.live.ChatSocketContract.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who is in a room, driven with the stock socket.io-client through src/test/node/scenarios/members.mjs: public
 * and private rooms, members taken out and brought in, direct conversations. Part of {@link ChatSocketContract}.
 */
interface ChatMembersContract {

    /** The WAR's base URL, as {@link dev.parley.it.ServerContract} gives it. */
    URL base();

    private JsonObject members(String name) {
        return NodeScript.observe(Duration.ofSeconds(60), "scenarios/members.mjs", base().toString(),
                ChatDeployments.DEMO_PASSWORD, name);
    }

    @Test
    default void publicRoomsAreOpenPrivateRoomsOnlyToMembers() {
        JsonObject seen = members("rooms");
        JsonObject publicJoin = seen.getJsonObject("publicJoin");
        assertTrue(publicJoin.getBoolean("ok"));
        assertEquals("general", publicJoin.getString("room"));
        assertTrue(publicJoin.getBoolean("history"));
        assertTrue(seen.getBoolean("privateByMember"));
        assertEquals("Forbidden", seen.getJsonObject("privateByOther").getString("error"));
        assertFalse(seen.getJsonObject("privateByOther").getBoolean("ok"));
        assertEquals("NotFound", seen.getJsonObject("missing").getString("error"));
        assertEquals("Invalid", seen.getString("garbage"));
        assertTrue(seen.getBoolean("byStringId"));
        assertTrue(seen.getBoolean("left"));
        assertEquals(List.of("Forbidden", "NotFound", "Invalid"), strings(seen, "errorEvents"),
                "each refusal also comes as an error event");
        assertTrue(seen.getBoolean("connected"));
    }

    @Test
    default void aMemberRemovedFromAPrivateRoomHearsNothingMoreFromIt() {
        JsonObject seen = members("removedMember");
        assertTrue(seen.getBoolean("bobJoined"));
        assertEquals(204, seen.getInt("removed"));
        assertTrue(seen.getBoolean("afterRemoval"));
        assertEquals(List.of(), strings(seen, "bobGot"), "the room's messages stop at once");
        assertEquals(List.of("Bob"), strings(seen, "aliceSawLeft"));
        assertEquals("Forbidden", seen.getString("bobTyping"));
        assertEquals("Forbidden", seen.getString("bobPosts"));
    }

    /**
     * A member added to a private room over REST hears of its messages from the next one on, not once the
     * server's kept member list is next loaded (it was loaded by the message before the addition).
     */
    @Test
    default void aMemberAddedToAPrivateRoomIsNotifiedOfItsNextMessage() {
        JsonObject seen = members("addedMember");
        assertEquals(200, seen.getInt("added"), seen.toString());
        assertEquals(1, seen.getInt("roomAdded"), "his tabs list the room: " + seen);
        assertEquals(List.of("message:welcome, bob", "mention:@bob see above"), strings(seen, "notified"));
    }

    /**
     * Alice opens a direct conversation with Dana over REST: both pages hear of it, Bob's does not; it has no
     * name, its two people instead; Dana is notified of its first message and reads it; Bob may not, and no
     * one names it, brings someone in or leaves it. Dana's new name reaches Alice's tabs, wherever they are.
     */
    @Test
    default void aDirectConversationIsBetweenItsTwoPeopleOnly() {
        JsonObject seen = members("direct");
        JsonObject opened = seen.getJsonObject("opened");
        assertEquals(201, opened.getInt("status"), seen.toString());
        JsonObject room = opened.getJsonObject("room");
        assertEquals("direct", room.getString("visibility"));
        assertFalse(room.containsKey("name"), "clients show the other person: " + room);
        long id = room.getJsonNumber("id").longValue();
        assertEquals(200, seen.getJsonObject("again").getInt("status"), "opened again from Dana's side");
        assertEquals(id, seen.getJsonObject("again").getJsonNumber("id").longValue());

        JsonObject heard = seen.getJsonObject("heard");
        assertEquals("[true]", heard.getJsonArray("alice").toString(), "her other tabs list it");
        assertEquals("[true]", heard.getJsonArray("dana").toString(), "once, though opened twice");
        assertEquals("[]", heard.getJsonArray("bob").toString());
        assertEquals(List.of("Alice", seen.getString("dana")), strings(seen, "peopleHeard"));

        assertTrue(seen.getBoolean("sent"));
        assertEquals(List.of("message:just between us"), strings(seen, "notified"));
        JsonObject listed = seen.getJsonObject("listed");
        assertEquals("direct", listed.getString("visibility"));
        assertTrue(listed.getBoolean("member"));
        assertEquals(1, listed.getInt("unread"));
        JsonObject danaJoin = seen.getJsonObject("danaJoin");
        assertTrue(danaJoin.getBoolean("ok"));
        assertEquals(List.of("just between us"), strings(danaJoin, "history"));
        assertEquals(2, danaJoin.getInt("members"));

        JsonObject refused = seen.getJsonObject("refused");
        assertEquals("Forbidden", refused.getString("bobJoins"));
        assertEquals(403, refused.getInt("bobReads"));
        assertEquals("Invalid", refused.getString("withSelf"));
        assertEquals(404, refused.getInt("withNobody"));
        assertEquals("Invalid", refused.getString("rename"));
        assertEquals("Invalid", refused.getString("addBob"));
        assertEquals("Invalid", refused.getString("leave"));

        String renamed = "Dana R " + seen.getString("dana").substring("Dana ".length());
        assertEquals(List.of(renamed), strings(seen.getJsonObject("renameHeard"), "alice"),
                "a tab of Alice's in no room lists the conversation by Dana's name");
        assertEquals(List.of(), strings(seen.getJsonObject("renameHeard"), "bob"));
        assertEquals(List.of("Alice", renamed), strings(seen, "renamedTo"));
    }
}
