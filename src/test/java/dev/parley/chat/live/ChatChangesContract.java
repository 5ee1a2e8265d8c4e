package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.NodeScript;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.parley.chat.live.ChatSocketContract.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What people change after the fact, driven with the stock socket.io-client through
 * src/test/node/scenarios/changes.mjs: a password, a name, a message (edited, deleted, reacted to), a room's
 * name. Who hears each change, and what they hear. Part of {@link ChatSocketContract}.
 */
interface ChatChangesContract {

    /** The WAR's base URL, as {@link dev.parley.it.ServerContract} gives it. */
    URL base();

    private JsonObject change(String name) {
        return NodeScript.observe(Duration.ofSeconds(60), "scenarios/changes.mjs", base().toString(),
                ChatDeployments.DEMO_PASSWORD, name);
    }

    @Test
    default void aPasswordChangeEndsTheSocketsOfEveryOtherSignInAndNoneComesBackIn() {
        JsonObject seen = change("passwordChange");
        for (String socket : List.of("desk", "deskByToken", "phone", "script")) {
            assertEquals("connected", seen.getJsonObject("before").getString(socket), socket + ": " + seen);
        }
        assertEquals(200, seen.getInt("status"));
        assertEquals(Set.of("phone", "script"), seen.getJsonObject("gone").keySet(), seen.toString());
        assertTrue(seen.getBoolean("deskStill") && seen.getBoolean("deskByTokenStill"),
                "the sign-in that changed it keeps its tabs: " + seen);
        JsonObject again = seen.getJsonObject("again");
        assertEquals("not signed in", again.getString("phone"), "the phone's session ended");
        assertEquals("password changed", again.getString("script"));
        assertEquals("connected", again.getString("desk"));
    }

    @Test
    default void aNewDisplayNameReachesTheRoomAndTheUsersOtherTabsAndEverythingSheSendsAfter() {
        JsonObject seen = change("rename");
        assertEquals(200, seen.getInt("status"), seen.toString());
        assertEquals("Rae After", seen.getString("name"));
        for (String who : List.of("bob", "tab")) {
            JsonObject user = seen.getJsonObject("heard").getJsonArray(who).getJsonObject(0).getJsonObject("user");
            assertEquals("Rae After", user.getString("name"), who + ": " + seen);
        }
        assertTrue(seen.getBoolean("sentOk"));
        assertEquals("Rae After", seen.getString("messageName"), "a message after the rename");
        assertEquals("Rae After", seen.getString("typingName"), "her socket's copy of her account");
        assertEquals("Rae After", seen.getString("memberName"), "the room's member list");
        assertEquals("mention", seen.getString("mentioned"), "@ and her new display name is a mention of her");
    }

    @Test
    default void anAuthorEditsAndDeletesHisMessageAnAdministratorDeletesAnyAndTheRoomHearsEachOnce() {
        JsonObject seen = change("editAndDelete");
        long messageId = seen.getJsonNumber("messageId").longValue();
        long spamId = seen.getJsonNumber("spamId").longValue();

        JsonObject edited = seen.getJsonObject("edited");
        assertTrue(edited.getBoolean("ok"), seen.toString());
        assertEquals("hello world", edited.getJsonObject("message").getString("text"));
        assertTrue(edited.getJsonObject("message").containsKey("editedAt"));
        for (String refused : List.of("bobEdits", "bobDeletes")) {
            assertEquals("Forbidden", seen.getJsonObject(refused).getString("error"), refused + ": " + seen);
        }
        for (String refused : List.of("blank", "number", "noId")) {
            assertEquals("Invalid", seen.getJsonObject(refused).getString("error"), refused + ": " + seen);
        }
        assertTrue(seen.getJsonObject("moderated").getBoolean("ok"), "an administrator deletes Bob's: " + seen);
        assertEquals(204, seen.getInt("removed"), "Ed deletes his own over REST");
        assertEquals("NotFound", seen.getJsonObject("editDeleted").getString("error"));

        JsonObject heard = seen.getJsonObject("heard");
        for (String who : List.of("bobUpdated", "tabUpdated")) {
            assertEquals(List.of("hello world"), heard.getJsonArray(who).getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("text")).toList(), who + ": the edit, once; no refused one");
        }
        assertEquals(0, heard.getJsonArray("elsewhereUpdated").size(), "an edit is for the room alone");
        for (String who : List.of("bobDeleted", "tabDeleted", "elsewhereDeleted")) {
            List<JsonObject> deleted = heard.getJsonArray(who).getValuesAs(JsonObject.class);
            assertEquals(List.of(messageId, spamId), deleted.stream().map(m -> m.getJsonNumber("id").longValue())
                    .sorted().toList(), who + ": each once, " + seen);
            assertTrue(deleted.stream().allMatch(m -> m.getString("text").isEmpty() && m.containsKey("deletedAt")));
        }

        List<JsonObject> history = seen.getJsonArray("history").getValuesAs(JsonObject.class);
        assertEquals(List.of(messageId, spamId), history.stream().map(m -> m.getJsonNumber("id").longValue()).toList(),
                "tombstones keep their places");
        assertTrue(history.stream().allMatch(m -> m.getString("text").isEmpty() && m.containsKey("deletedAt")));
        assertTrue(history.get(0).containsKey("editedAt"), "edited before it was deleted");
    }

    @Test
    default void aRoomsCreatorRenamesItAndEveryPageThatListsItHears() {
        JsonObject seen = change("renameRoom");
        String stamp = seen.getString("stamp");
        JsonObject refused = seen.getJsonObject("refused");
        assertEquals(403, refused.getInt("notHis"), seen.toString());
        assertEquals(400, refused.getInt("number"));
        assertEquals(409, refused.getInt("taken"));
        assertEquals(401, refused.getInt("nobody"));

        assertEquals(200, seen.getInt("status"));
        assertEquals("final-" + stamp, seen.getJsonObject("room").getString("name"));
        assertEquals(seen.getJsonNumber("edId").longValue(), seen.getJsonObject("room").getJsonNumber("createdBy").longValue());
        assertEquals(200, seen.getInt("secretStatus"));
        assertEquals(List.of("final-" + stamp, "hush-" + stamp, "told-" + stamp), strings(seen, "edHeard"));
        assertEquals(List.of("final-" + stamp), strings(seen, "bobBefore"), "not a private room he is not in");
        assertEquals(List.of("final-" + stamp, "told-" + stamp), strings(seen, "bobAfter"), "once he is a member");
        assertEquals("final-" + stamp, seen.getJsonObject("listed").getString("name"));
    }

    /**
     * Bob and Ed react over the socket and REST: each ack and each {@code message-reactions} at Bob's other tab
     * has all the message's reactions as they then are; a repeat and every refusal are told to no one; history
     * shows them until the message is deleted.
     */
    @Test
    default void reactionsAreToldToTheRoomWholeAfterEachChange() {
        JsonObject seen = change("reactions");
        List<List<String>> acks = seen.getJsonArray("acks").getValuesAs(JsonArray.class).stream()
                .map(a -> a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()).toList();
        assertEquals(List.of(List.of("👍:Bob"), List.of("👍:Bob+Ed"), List.of("👍:Bob+Ed", "🎉:Ed"),
                List.of("👍:Bob+Ed", "🎉:Ed"), List.of("👍:Ed", "🎉:Ed")), acks, seen.toString());
        assertEquals(200, seen.getInt("restStatus"));
        JsonObject refused = seen.getJsonObject("refused");
        for (String bad : List.of("word", "number", "onNotFlag")) {
            assertEquals("Invalid", refused.getString(bad), bad + ": " + seen);
        }
        assertEquals("NotFound", refused.getString("noMessage"));
        assertEquals(400, refused.getInt("restWord"));
        assertEquals("NotFound", seen.getString("afterDeletion"));
        assertEquals(List.of("true 👍:Bob", "true 👍:Bob+Ed", "true 👍:Bob+Ed,🎉:Ed", "true 👍:Ed,🎉:Ed"),
                strings(seen, "heard"), "each change once, in order; no repeat, no refusal");
        assertEquals(List.of("👍:Ed", "🎉:Ed"), strings(seen, "joinHistory"));
        assertEquals("[null]", seen.getJsonArray("history").toString(), "a deleted message keeps no reactions");
    }
}
