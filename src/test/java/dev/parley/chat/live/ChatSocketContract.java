package dev.parley.chat.live;

import dev.parley.chat.rest.ChatDeployments;
import dev.parley.it.NodeScript;
import dev.parley.it.ScriptProcess;
import dev.parley.it.ServerContract;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat's socket contract (issue 3), driven with the stock socket.io-client through
 * src/test/node/scenarios/chat.mjs; with who is in a room ({@link ChatMembersContract}) and what people change
 * after the fact ({@link ChatChangesContract}). Run once per database and server by its subclasses.
 */
abstract class ChatSocketContract extends ServerContract implements ChatMembersContract, ChatChangesContract {

    /** Short enough for a test to see a typing indicator expire; everything else as configured. */
    static final Map<String, String> CONFIG = Map.of("parley.chat.typing-expiry-ms", "1500",
            "parley.chat.rate-limit", "5");

    private JsonObject scenario(String name) {
        return NodeScript.observe(Duration.ofSeconds(60), "scenarios/chat.mjs", base().toString(),
                ChatDeployments.DEMO_PASSWORD, name);
    }

    static List<String> strings(JsonObject json, String key) {
        return json.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /**
     * Bad input beside good, as a stranger's client sends it: {@code bench/fuzz.mjs} (10 batches of mutated
     * chat events and malformed packets from raw WebSockets, beside a socket.io-client sending a message every
     * 250 ms) reports ok only when every event of the batches without malformed packets got its ack (a
     * refusal is one) and the steady client lost nothing. The inputs are random; a failure prints the counts.
     */
    @Test
    void badInputGetsItsRefusalAndHarmsNoOneElse() {
        ScriptProcess.Result result = NodeScript.run(Duration.ofSeconds(120), "../../../bench/fuzz.mjs",
                base().toString(), "10");
        String summary = String.join("\n", result.lines());
        assertTrue(summary.contains("\"ok\":true"), summary + "\n" + result.stderr());
    }

    @Test
    void sessionCookieOrTokenLetsInNothingElseDoes() {
        JsonObject seen = scenario("authentication");
        assertEquals("connected", seen.getString("websocket"));
        assertEquals("connected", seen.getString("polling"));
        assertEquals("Unauthorized", seen.getString("noCookie"));
        assertEquals("Unauthorized", seen.getString("forged"));
        assertEquals("Unauthorized", seen.getString("badToken"));
        assertEquals("connected", seen.getString("token"));
        assertTrue(seen.getBoolean("tokenUserIsBob"), "the token's user is who the socket is");
        JsonObject reasons = seen.getJsonObject("reasons");
        assertEquals("not signed in", reasons.getString("noCookie"));
        assertEquals("token not valid", reasons.getString("badToken"));
        assertEquals("signed out", reasons.getString("signedOut"), "a token of a sign-in that has logged out");
    }

    @Test
    void messagesAreStoredOnceAckedAndBroadcastAndBadOnesRefused() {
        JsonObject seen = scenario("messages");
        JsonObject first = seen.getJsonObject("first");
        assertTrue(first.getBoolean("ok"));
        JsonObject retry = seen.getJsonObject("retry");
        assertEquals(first.getInt("id"), retry.getInt("id"), "a retried clientMsgId acks the first copy");
        assertTrue(retry.getBoolean("duplicate"));
        assertEquals(1, seen.getInt("storedCopies"));
        List<JsonObject> bobGot = seen.getJsonArray("bobGot").getValuesAs(JsonObject.class);
        assertEquals(2, bobGot.size(), "the retry is not broadcast again: " + bobGot);
        assertEquals("hello bob", bobGot.get(0).getString("text"), "trimmed");
        assertEquals("Alice", bobGot.get(0).getString("user"));
        assertEquals(first.getInt("id"), bobGot.get(0).getInt("id"));
        JsonObject invalid = seen.getJsonObject("invalid");
        for (String key : List.of("empty", "invisible", "loneSurrogate", "tooLong", "notText", "noRoom", "notAnObject")) {
            assertEquals("Invalid", invalid.getString(key), key);
        }
        assertEquals("Forbidden", invalid.getString("notJoined"));
        assertEquals("UnknownEvent", invalid.getString("unknownEvent"));
        assertTrue(seen.getBoolean("after"), "the sender goes on after refusals");
        assertTrue(seen.getBoolean("bobConnected"));
    }

    /** On every container: a change another site's page asks for is refused, and changes nothing (CrossOriginGuard). */
    @Test
    void aSignOutPostedByAnotherSitesPageIsRefusedAndTheOwnPagesIsNot() {
        JsonObject seen = scenario("crossSite");
        assertEquals(403, seen.getInt("foreign"), seen.toString());
        assertEquals(200, seen.getInt("stillIn"), "still signed in: " + seen);
        assertEquals(204, seen.getInt("own"), seen.toString());
        assertEquals(401, seen.getInt("after"), "signed out by its own page: " + seen);
    }

    @Test
    void typingReachesTheRoomButNotTheTypistAndExpiresByItself() {
        JsonObject seen = scenario("typing");
        List<JsonObject> aliceSaw = seen.getJsonArray("aliceSaw").getValuesAs(JsonObject.class);
        assertEquals(2, aliceSaw.size(), aliceSaw.toString());
        assertEquals("Bob", aliceSaw.get(0).getString("user"));
        assertTrue(aliceSaw.get(0).getBoolean("isTyping"));
        assertFalse(aliceSaw.get(1).getBoolean("isTyping"), "expired");
        assertTrue(seen.getInt("expiredAfter") >= 1400, "not before the expiry: " + seen);
        assertEquals(0, seen.getInt("bobSaw"), "the typist's own tabs hear nothing");
        assertEquals("Invalid", seen.getString("invalid"));
        assertEquals(List.of("true", "true", "false"), strings(seen, "keystrokes"),
                "25 keystrokes: the start, one renewal after half the expiry, one stop for two");
    }

    @Test
    void presenceFollowsTheFirstAndLastTabWithLastSeen() {
        JsonObject presence = scenario("presence");
        List<JsonObject> seen = presence.getJsonArray("seen").getValuesAs(JsonObject.class);
        assertEquals(3, seen.size(), seen.toString());
        assertTrue(seen.get(0).getBoolean("online"));
        assertFalse(seen.get(1).getBoolean("online"));
        assertNotNull(seen.get(1).getString("lastSeenAt"));
        assertTrue(seen.get(2).getBoolean("online"));
        JsonObject away = presence.getJsonObject("away");
        assertFalse(away.getBoolean("online"), away.toString());
        assertEquals(seen.get(1).getString("lastSeenAt"), away.getString("lastSeenAt"),
                "a room joined while he is away says when he was last seen, as the presence event did");
    }

    @Test
    void notificationsReachEveryTabForMentionsAndRoomsNotInView() {
        JsonObject seen = scenario("notifications");
        // tab 1 views general but while it had left it; tab 2 never views it: each tab hears of the messages of
        // rooms it is not viewing (its unread badges), and of a mention wherever it is
        assertEquals(List.of("mention:general", "message:general", "message:support"), strings(seen, "tab1"));
        assertEquals(List.of("mention:general", "message:general", "message:general", "message:general",
                "message:support"), strings(seen, "tab2"), "the other tab, whatever the first one views");
    }

    @Test
    void adminNamespaceAdmitsOnlyAdministrators() {
        JsonObject seen = scenario("admin");
        assertEquals("Forbidden", seen.getString("alice"));
        assertEquals("Unauthorized", seen.getString("anonymous"));
        assertEquals("connected", seen.getString("admin"));
        assertTrue(strings(seen, "listed").contains("Bob"));
        assertEquals(1, seen.getInt("kicked"));
        assertEquals("transport close", seen.getString("bobReason"));
    }

    @Test
    void floodsAreRateLimitedPerUserAndTheUserRecovers() {
        JsonObject seen = scenario("rateLimit");
        assertTrue(seen.getInt("limited") >= 1, seen.toString());
        assertTrue(seen.getInt("accepted") >= 5, "the burst allowance is honoured: " + seen);
        assertTrue(seen.getBoolean("later"));
    }

    @Test
    void aConnectionOverItsPacketBudgetHasPacketsRefusedAndFarOverItIsDisconnectedWhileOthersCarryOn() {
        JsonObject seen = scenario("packetFlood");
        int ok = seen.getInt("typedOk");
        // the server handled them all between the first send and the last answer: at most that long's refill
        int refill = packetsRefilledWithin(seen.getInt("floodMillis"));
        assertTrue(ok >= 90 && ok <= 100 + refill, "the budget of 100, with what refills while they arrive: " + seen);
        assertTrue(ok < 250, "some are dropped: " + seen);
        assertEquals(250, ok + seen.getInt("typedLimited"), "every dropped packet that asked was answered");
        assertTrue(seen.getInt("errorEvents") >= 1, "and told with an error event: " + seen);
        assertTrue(seen.getInt("errorEvents") < seen.getInt("typedLimited") + 1);
        assertTrue(seen.getBoolean("after"), "the allowance refills");
        assertEquals("after the flood", seen.getString("heard"));
        assertTrue(seen.getBoolean("connected"));
        assertEquals("io server disconnect", seen.getString("flooderReason"));
        assertFalse(seen.getBoolean("flooderReconnecting"), "a server disconnect: no automatic reconnect");
        assertTrue(seen.getBoolean("bobStill"));
    }

    /**
     * A reply over the socket or REST carries the message it answers, live and in history, and its author is told;
     * a bad one is refused.
     */
    @Test
    void aReplyCarriesTheMessageItAnswers() {
        JsonObject seen = scenario("replies");
        assertTrue(seen.getBoolean("answered"), seen.toString());
        assertEquals(201, seen.getInt("rest"));
        assertEquals("true Alice: who has the keys?", seen.getString("restQuote"));
        List<String> both = List.of("I do <- true Alice: who has the keys?", "and a spare <- true Alice: who has the keys?");
        assertEquals(both, strings(seen, "heard"));
        assertEquals(List.of("reply:I do", "reply:and a spare"), strings(seen, "notified"),
                "the author of what they answer is told, as of a mention");
        assertEquals(both, strings(seen, "history"));
        JsonObject refused = seen.getJsonObject("refused");
        assertEquals("NotFound", refused.getString("otherRoom"), "a message of another room");
        assertEquals("Invalid", refused.getString("notANumber"));
        assertEquals(400, refused.getInt("restNotANumber"));
    }

    @Test
    void aTabClosingTellsTheRoomItsUserLeftAndStoppedTyping() {
        JsonObject seen = scenario("disconnectLeaves");
        assertEquals(List.of("Bob@general"), strings(seen, "left"));
        assertEquals(List.of("Bob:true", "Bob:false"), strings(seen, "typing"));
    }

    @Test
    void theEndOfASessionReachesEverySocketItOpenedAndEveryConnectAfterIt() {
        JsonObject seen = scenario("logoutEverywhere");
        assertEquals("connected", seen.getString("adminOutcome"));
        assertEquals("transport close", seen.getString("adminReason"), "a socket on /admin only");
        assertTrue(seen.getString("lateConnect").contains("44{\"message\":\"Unauthorized\",\"data\":{\"reason\":\"not signed in\"}}"),
                "a CONNECT sent after the logout on a connection opened before it: " + seen);
        assertTrue(seen.getBoolean("renamed"), "a sign-in on a signed-in session gives it a new id");
        assertEquals("transport close", seen.getString("aliceReason"),
                "a socket of the session's earlier sign-in goes when the session ends");
        assertEquals("connected", seen.getString("onlookerOutcome"));
        assertTrue(seen.getBoolean("onlookerStill"), "a token socket, of no session, stays through every logout");
    }

    @Test
    void logoutClosesTheSessionsSockets() {
        JsonObject seen = scenario("logout");
        assertEquals("connected", seen.getString("connected"), seen.toString());
        assertEquals(204, seen.getInt("status"), seen.toString());
        assertEquals("transport close", seen.getString("reason"), seen.toString());
        assertEquals("Unauthorized", seen.getString("again"));
    }

}
