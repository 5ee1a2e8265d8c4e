package dev.parley.chat.rest;

import dev.parley.it.ServerContract;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.parley.chat.rest.ChatDeployments.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rooms, members, history and read marks over real HTTP, on the default configuration (H2 file). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsApiIT extends ServerContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployments.onFreshH2(Map.of("parley.chat.max-message-length", "50"));
    }

    private ApiClient alice;
    private ApiClient bob;
    private long bobId;

    @BeforeEach
    void signIn() {
        alice = new ApiClient(base());
        alice.login("alice", DEMO_PASSWORD);
        bob = new ApiClient(base());
        bobId = bob.login("bob", DEMO_PASSWORD).object().getJsonNumber("id").longValue();
    }

    @Test
    void everyoneSeesTheDemoRooms() {
        List<String> names = bob.get("api/rooms").array().stream().map(r -> r.getString("name")).toList();
        assertTrue(names.containsAll(List.of("general", "support", "announcements")), names.toString());
    }

    @Test
    void privateRoomIsVisibleOnlyToItsMembers() {
        JsonObject secret = create(alice, unique("secret"), "private");
        long id = secret.getJsonNumber("id").longValue();

        assertTrue(roomNames(alice).contains(secret.getString("name")));
        assertFalse(roomNames(bob).contains(secret.getString("name")));
        ApiClient.Reply refused = bob.get("api/rooms/" + id + "/messages");
        assertEquals(403, refused.status());
        assertEquals("Forbidden", refused.object().getString("error"));
        assertFalse(refused.raw().body().contains(secret.getString("name")), "nothing about the room leaks");
        assertEquals(403, bob.get("api/rooms/" + id).status());
        assertEquals(403, bob.post("api/rooms/" + id + "/messages", text("let me in", null)).status());
        assertEquals(404, bob.get("api/rooms/" + Long.MAX_VALUE + "/messages").status());

        ApiClient.Reply added = alice.post("api/rooms/" + id + "/members",
                Json.createObjectBuilder().add("username", "bob").build());
        assertEquals(200, added.status(), added.toString());
        assertTrue(roomNames(bob).contains(secret.getString("name")));
        assertEquals(201, bob.post("api/rooms/" + id + "/messages", text("thanks", null)).status());
        List<String> members = alice.get("api/rooms/" + id + "/members").array().stream()
                .map(m -> m.getString("username")).toList();
        assertEquals(List.of("alice", "bob"), members);

        assertEquals(204, alice.delete("api/rooms/" + id + "/members/" + bobId).status());
        assertFalse(roomNames(bob).contains(secret.getString("name")));
    }

    @Test
    void onlyTheCreatorRemovesOthersButMembersMayLeave() {
        long id = create(alice, unique("club"), "private").getJsonNumber("id").longValue();
        long aliceId = alice.get("api/me").object().getJsonNumber("id").longValue();
        alice.post("api/rooms/" + id + "/members", Json.createObjectBuilder().add("userId", bobId).build());

        ApiClient.Reply refused = bob.delete("api/rooms/" + id + "/members/" + aliceId);
        assertEquals(403, refused.status());
        assertEquals("Forbidden", refused.object().getString("error"));
        assertEquals(204, bob.delete("api/rooms/" + id + "/members/" + bobId).status());
    }

    @Test
    void publicRoomsHaveNoMemberListToManage() {
        long id = create(alice, unique("open"), "public").getJsonNumber("id").longValue();
        assertEquals(400, alice.post("api/rooms/" + id + "/members",
                Json.createObjectBuilder().add("username", "bob").build()).status());
        assertEquals(200, bob.get("api/rooms/" + id + "/messages").status());
    }

    @Test
    void roomCreationRefusesDuplicatesAndBadInput() {
        String name = unique("dup");
        create(alice, name, "public");
        ApiClient.Reply again = bob.post("api/rooms", room(name, "private"));
        assertEquals(409, again.status());
        assertEquals("Conflict", again.object().getString("error"));
        assertEquals(400, bob.post("api/rooms", room("  ", "public")).status());
        assertEquals(400, bob.post("api/rooms", room(unique("x"), "secretive")).status());
        assertEquals(400, bob.postRaw("api/rooms", "application/json", "[1,2").status());
        ApiClient.Reply number = bob.post("api/rooms", Json.createObjectBuilder().add("name", 42).add("visibility", "public").build());
        assertEquals(400, number.status(), "a number is not quietly made a name: " + number);
        assertEquals("name must be a string", number.object().getString("message"));
    }

    @Test
    void historyPagesBackwardAndForwardByMessageId() {
        long id = create(alice, unique("paging"), "public").getJsonNumber("id").longValue();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ApiClient.Reply posted = (i % 2 == 0 ? alice : bob).post("api/rooms/" + id + "/messages", text("m" + i, null));
            assertEquals(201, posted.status(), posted.toString());
            ids.add(posted.object().getJsonNumber("id").longValue());
        }

        JsonObject latest = bob.get("api/rooms/" + id + "/messages?limit=5").object();
        assertEquals(ids.subList(7, 12), idsOf(latest));
        assertTrue(latest.getBoolean("hasMore"));

        JsonObject older = bob.get("api/rooms/" + id + "/messages?before=" + ids.get(7) + "&limit=5").object();
        assertEquals(ids.subList(2, 7), idsOf(older));

        JsonObject missed = bob.get("api/rooms/" + id + "/messages?after=" + ids.get(8)).object();
        assertEquals(ids.subList(9, 12), idsOf(missed));
        assertFalse(missed.getBoolean("hasMore"));

        JsonObject first = missed.getJsonArray("messages").getJsonObject(0);
        assertEquals("m9", first.getString("text"));
        assertEquals(id, first.getJsonNumber("roomId").longValue());
        assertEquals("Bob", first.getJsonObject("user").getString("name"));
        assertTrue(first.getString("createdAt").endsWith("Z"), first.toString());
    }

    @Test
    void badPagingParametersAreRefusedClearly() {
        for (String query : List.of("limit=abc", "limit=0", "limit=1000", "before=-1", "after=x")) {
            ApiClient.Reply reply = bob.get("api/rooms/1/messages?" + query);
            assertEquals(400, reply.status(), query);
            assertEquals("Invalid", reply.object().getString("error"), query);
        }
    }

    @Test
    void aRetryWithTheSameClientMsgIdReturnsTheFirstCopy() {
        long id = create(alice, unique("retry"), "public").getJsonNumber("id").longValue();
        ApiClient.Reply first = alice.post("api/rooms/" + id + "/messages", text("only once", "client-1"));
        ApiClient.Reply retry = alice.post("api/rooms/" + id + "/messages", text("only once", "client-1"));

        assertEquals(201, first.status());
        assertEquals(200, retry.status());
        assertEquals(first.object(), retry.object());
        assertEquals(1, alice.get("api/rooms/" + id + "/messages").object().getJsonArray("messages").size());
    }

    @Test
    void invalidMessagesAreRefusedAndNothingIsStored() {
        long id = create(alice, unique("strict"), "public").getJsonNumber("id").longValue();
        for (String bad : List.of("", "    ", "x".repeat(51))) {
            ApiClient.Reply reply = alice.post("api/rooms/" + id + "/messages", text(bad, null));
            assertEquals(400, reply.status(), bad);
            assertEquals("Invalid", reply.object().getString("error"));
        }
        assertEquals(400, alice.post("api/rooms/" + id + "/messages", Json.createObjectBuilder().add("text", 42).build()).status());
        assertEquals(0, alice.get("api/rooms/" + id + "/messages").object().getJsonArray("messages").size());
        assertEquals(201, alice.post("api/rooms/" + id + "/messages", text("  fine  ", null)).status());
    }

    @Test
    void unreadCountsFollowTheReadMark() {
        long id = create(alice, unique("unread"), "public").getJsonNumber("id").longValue();
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = alice.post("api/rooms/" + id + "/messages", text("news " + i, null)).object().getJsonNumber("id").longValue();
        }
        assertEquals(3, unread(bob, id));
        assertEquals(0, unread(alice, id), "your own messages are not unread");

        JsonObject mark = bob.post("api/rooms/" + id + "/read", Json.createObjectBuilder().add("messageId", last).build()).object();
        assertEquals(last, mark.getJsonNumber("lastReadMessageId").longValue());
        assertEquals(0, unread(bob, id));

        alice.post("api/rooms/" + id + "/messages", text("one more", null));
        assertEquals(1, unread(bob, id));
    }

    private static long unread(ApiClient who, long roomId) {
        return who.get("api/rooms").array().stream().filter(r -> r.getJsonNumber("id").longValue() == roomId)
                .findFirst().orElseThrow().getJsonNumber("unread").longValue();
    }

    private static List<Long> idsOf(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("id").longValue()).toList();
    }

    private static List<String> roomNames(ApiClient who) {
        return who.get("api/rooms").array().stream().map(r -> r.getString("name")).toList();
    }

    /** 30 posts at once from a script: past the allowance (10 a second, as on the socket), 429 and nothing stored. */
    @Test
    void aScriptPostingFasterThanTheFloodAllowanceIsHeldBackAndWhatItWasToldIsTrue() throws Exception {
        String name = unique("bot");
        ApiClient bot = new ApiClient(base());
        assertEquals(201, bot.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", name).add("password", "long enough").build()).status());
        long id = create(bot, unique("flood"), "public").getJsonNumber("id").longValue();
        List<ApiClient.Reply> replies = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(30);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String text = "flood " + i;
                sent.add(senders.submit(() -> {
                    go.await();
                    return bot.post("api/rooms/" + id + "/messages", text(text, null));
                }));
            }
            go.countDown();
            for (Future<ApiClient.Reply> reply : sent) {
                replies.add(reply.get(30, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        List<ApiClient.Reply> stored = replies.stream().filter(reply -> reply.status() == 201).toList();
        List<ApiClient.Reply> refused = replies.stream().filter(reply -> reply.status() == 429).toList();
        assertEquals(30, stored.size() + refused.size(), replies.toString());
        assertTrue(stored.size() >= 10 && !refused.isEmpty(), stored.size() + " stored, " + refused.size() + " refused");
        assertEquals("RateLimited", refused.get(0).object().getString("error"));
        assertEquals("1", refused.get(0).raw().headers().firstValue("Retry-After").orElse(null));
        assertEquals(stored.size(), bot.get("api/rooms/" + id + "/messages?limit=200").object()
                .getJsonArray("messages").size(), "every message answered 201 is stored, and no other");

        Thread.sleep(1100); // as Retry-After says
        assertEquals(201, bot.post("api/rooms/" + id + "/messages", text("after the wait", null)).status());
    }

    /** A new display name: sessions, tokens, members, history and the next message all show it. */
    @Test
    void aNewDisplayNameShowsWhereverTheUserIsShown() {
        String name = unique("renamer");
        ApiClient carol = new ApiClient(base());
        assertEquals(201, carol.post("api/auth/signup", Json.createObjectBuilder().add("username", name)
                .add("password", "long enough").add("displayName", "Carol First").build()).status());
        String token = carol.postEmpty("api/auth/token").object().getString("token");
        long id = create(carol, unique("names"), "public").getJsonNumber("id").longValue();
        carol.post("api/rooms/" + id + "/messages", text("before", null)); // the writer now knows her name

        for (JsonObject bad : List.of(Json.createObjectBuilder().add("displayName", "x".repeat(65)).build(),
                Json.createObjectBuilder().add("displayName", "bell\u0007").build(),
                Json.createObjectBuilder().add("displayName", 5).build(),
                Json.createObjectBuilder().build())) {
            ApiClient.Reply refused = carol.patch("api/me", bad);
            assertEquals(400, refused.status(), bad + ": " + refused);
            assertEquals("Invalid", refused.object().getString("error"));
        }
        assertEquals(401, new ApiClient(base()).patch("api/me",
                Json.createObjectBuilder().add("displayName", "Nobody").build()).status());
        assertEquals("Carol First", carol.get("api/me").object().getString("displayName"), "nothing refused changed it");

        ApiClient.Reply renamed = carol.patch("api/me", Json.createObjectBuilder().add("displayName", "  Carol Second ").build());
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Carol Second", renamed.object().getString("displayName"));
        assertEquals(name, renamed.object().getString("username"));

        assertEquals("Carol Second", carol.get("api/me").object().getString("displayName"), "the session holds the new name");
        assertEquals("Carol Second", new ApiClient(base()).withBearer(token).get("api/me").object().getString("displayName"));
        JsonObject after = carol.post("api/rooms/" + id + "/messages", text("after", null)).object();
        assertEquals("Carol Second", after.getJsonObject("user").getString("name"), "a new message has the new name");
        List<String> authors = carol.get("api/rooms/" + id + "/messages").object().getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().map(m -> m.getJsonObject("user").getString("name")).toList();
        assertEquals(List.of("Carol Second", "Carol Second"), authors, "history names authors as they are now");
        assertTrue(bob.get("api/rooms/" + id + "/members").array().stream()
                .anyMatch(m -> m.getString("displayName").equals("Carol Second")));

        assertEquals(name, carol.patch("api/me", Json.createObjectBuilder().add("displayName", " ").build())
                .object().getString("displayName"), "an empty name is the username again");

        // every rename is told to her rooms: a loop of them is held back like a flood of messages
        List<Integer> loop = IntStream.range(0, 40).mapToObj(i -> carol.patch("api/me",
                Json.createObjectBuilder().add("displayName", "Carol " + i).build()).status()).toList();
        assertTrue(loop.contains(429) && loop.stream().allMatch(status -> status == 200 || status == 429), loop.toString());
    }

    @Test
    void anAuthorEditsAndDeletesHisMessageAndAnAdministratorDeletesAnyone() {
        long id = create(alice, unique("edits"), "public").getJsonNumber("id").longValue();
        String messages = "api/rooms/" + id + "/messages/";
        long mine = alice.post("api/rooms/" + id + "/messages", text("teh first", null)).object()
                .getJsonNumber("id").longValue();
        long bobs = bob.post("api/rooms/" + id + "/messages", text("bob's", null)).object().getJsonNumber("id").longValue();

        Map<JsonObject, Integer> refused = Map.of(
                Json.createObjectBuilder().add("text", 5).build(), 400,
                Json.createObjectBuilder().add("text", "   ").build(), 400,
                Json.createObjectBuilder().add("text", "x".repeat(51)).build(), 400,
                Json.createObjectBuilder().build(), 400);
        refused.forEach((body, status) -> assertEquals(status, alice.patch(messages + mine, body).status(), body.toString()));
        assertEquals(403, bob.patch(messages + mine, text("bob's now", null)).status(), "not his");
        assertEquals(404, alice.patch(messages + Long.MAX_VALUE, text("none", null)).status());
        assertEquals(401, new ApiClient(base()).patch(messages + mine, text("nobody", null)).status());
        assertEquals(403, bob.delete(messages + mine).status(), "nor may he delete it");

        ApiClient.Reply edited = alice.patch(messages + mine, text("the first", null));
        assertEquals(200, edited.status(), edited.toString());
        assertEquals("the first", edited.object().getString("text"));
        assertTrue(edited.object().containsKey("editedAt"));
        assertEquals(edited.object(), history(bob, id).get(0), "history shows it as the edit answered");
        ApiClient.Reply changed = bob.get("api/rooms/" + id + "/messages?after=0&changed=true");
        assertEquals(List.of(edited.object()), changed.object().getJsonArray("messages").getValuesAs(JsonObject.class),
                "a page that reconnects asks what changed among the messages it holds: not bob's, never changed");
        assertEquals(400, bob.get("api/rooms/" + id + "/messages?changed=yes").status());

        assertEquals(204, alice.delete(messages + mine).status());
        assertEquals(204, alice.delete(messages + mine).status(), "again: nothing more to do");
        assertEquals(404, alice.patch(messages + mine, text("undeleted?", null)).status());
        ApiClient admin = new ApiClient(base());
        admin.login("admin", DEMO_PASSWORD);
        assertEquals(204, admin.delete(messages + bobs).status(), "moderation");
        List<JsonObject> tombstones = history(bob, id);
        assertEquals(List.of(mine, bobs), tombstones.stream().map(m -> m.getJsonNumber("id").longValue()).toList());
        assertTrue(tombstones.stream().allMatch(m -> m.getString("text").isEmpty() && m.containsKey("deletedAt")),
                tombstones.toString());
        assertEquals(0L, bob.get("api/rooms").array().stream()
                .filter(r -> r.getJsonNumber("id").longValue() == id).findFirst().orElseThrow()
                .getJsonNumber("unread").longValue(), "a deleted message is not unread");
    }

    @Test
    void searchFindsMessagesByTheirTextInTheRoomsTheCallerMayRead() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
        long open = create(alice, unique("found"), "public").getJsonNumber("id").longValue();
        long closed = create(alice, unique("hidden"), "private").getJsonNumber("id").longValue();
        long older = alice.post("api/rooms/" + open + "/messages", text("an " + word, null)).object()
                .getJsonNumber("id").longValue();
        long newer = alice.post("api/rooms/" + open + "/messages", text("AN " + word.toUpperCase(), null)).object()
                .getJsonNumber("id").longValue();
        alice.post("api/rooms/" + closed + "/messages", text("hush " + word, null));

        ApiClient.Reply found = bob.get("api/search?q=" + word);
        assertEquals(200, found.status(), found.toString());
        assertEquals(List.of(newer, older), found.object().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("id").longValue()).toList(), "newest first, not the private room's");
        JsonObject page = bob.get("api/search?q=" + word + "&limit=1&before=" + newer).object();
        assertEquals(older, page.getJsonArray("messages").getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(3, alice.get("api/search?q=" + word).object().getJsonArray("messages").size(), "hers are");
        assertEquals(403, bob.get("api/search?q=" + word + "&roomId=" + closed).status());
        for (String bad : List.of("", "q=", "q=%20%20", "q=" + "x".repeat(201), "q=x&limit=51", "q=x&roomId=abc")) {
            assertEquals(400, bob.get("api/search?" + bad).status(), bad);
        }
        assertEquals(401, new ApiClient(base()).get("api/search?q=" + word).status());
    }

    private static List<JsonObject> history(ApiClient who, long roomId) {
        return who.get("api/rooms/" + roomId + "/messages").object().getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    private static JsonObject create(ApiClient who, String name, String visibility) {
        ApiClient.Reply reply = who.post("api/rooms", room(name, visibility));
        assertEquals(201, reply.status(), reply.toString());
        assertEquals(visibility, reply.object().getString("visibility"));
        return reply.object();
    }

    private static JsonObject room(String name, String visibility) {
        return Json.createObjectBuilder().add("name", name).add("visibility", visibility).build();
    }

    private static JsonObject text(String text, String clientMsgId) {
        var builder = Json.createObjectBuilder().add("text", text);
        if (clientMsgId != null) {
            builder.add("clientMsgId", clientMsgId);
        }
        return builder.build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
