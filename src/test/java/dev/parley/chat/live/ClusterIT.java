package dev.parley.chat.live;

import dev.parley.chat.StorageBackend;
import dev.parley.chat.storage.DatabaseSettings;
import dev.parley.it.NodeScript;
import dev.parley.it.ParleyProcess;
import dev.parley.it.RedisServer;
import dev.parley.it.ScriptProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.parley.chat.live.ChatSocketContract.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Parley instances on Payara Micro, each in its own process, on one PostgreSQL database, sharing rooms
 * through a real Redis server (parley.redis.url), driven by the stock socket.io-client: Alice on one instance
 * and Bob on the other chat in the same room, each message reaching every tab once, typing too.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static RedisServer redis;
    private static ParleyProcess one;
    private static ParleyProcess two;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        DatabaseSettings database = StorageBackend.freshPostgres();
        Map<String, String> config = Map.of(
                "parley.db.url", database.url(),
                "parley.db.user", database.user(),
                "parley.db.password", database.password(),
                "parley.redis.url", redis.uri().toString(),
                "parley.cluster.presence-interval", "2", // a dead instance forgotten after 6 s, not 30
                ParleyProcess.TOKEN_SECRET, UUID.randomUUID().toString());
        one = ParleyProcess.start(config);
        two = ParleyProcess.start(config); // after the first: it finds the schema and demo accounts made
        // Presence goes to the rooms a user is a member of: every scenario watches Alice in general, whichever
        // test runs first.
        JsonObject joined = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "members");
        assertTrue(joined.getBoolean("alice") && joined.getBoolean("bob"), joined.toString());
    }

    @AfterAll
    static void stop() {
        if (one != null) one.close();
        if (two != null) two.close();
        if (redis != null) redis.close();
    }

    @Test
    void aliceAndBobOnTwoInstancesChatInOneRoomAndEveryTabGetsEachMessageOnce() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "chatAcrossInstances");
        String text = seen.getString("text");

        assertTrue(seen.getBoolean("ackOk"), seen.toString());
        assertTrue(seen.getBoolean("replyOk"), seen.toString());
        assertEquals(List.of(text, text + " reply"), strings(seen, "bobGot"), "Bob, on the other instance");
        assertEquals(List.of(text, text + " reply"), strings(seen, "aliceTabGot"), "Alice's tab on the other instance");
        assertEquals(List.of(text, text + " reply"), strings(seen, "aliceGot"), "Alice, on the sender's instance");
        assertTrue(seen.getBoolean("sameIdEverywhere"), seen.toString());
        assertEquals(List.of("Bob:true", "Bob:false"), strings(seen, "typingSeenByAlice"), "typing, then stopped by his message");
    }

    /** Typing started in a tab on one instance and stopped in a tab on the other ends at once, not at its expiry. */
    @Test
    void typingStartedOnOneInstanceAndStoppedOnTheOtherEndsAtOnce() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "typingAcrossTabs");

        assertEquals(List.of("true", "false"), strings(seen, "typing"), seen.toString());
        assertTrue(seen.getInt("stoppedAfterMs") < 4000, "before the 5 s expiry: " + seen);
    }

    /** Each instance notifies its own users of what was posted on any instance (a server-side event), once. */
    @Test
    void bobOnTheOtherInstanceIsNotifiedOfMessagesOutOfHisViewAndMentionsOnce() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "notificationsAcrossInstances");
        String stamp = seen.getString("stamp");

        assertEquals(List.of("message:out of bob's view " + stamp, "mention:hey @bob " + stamp),
                strings(seen, "bobNotified"));
    }

    /**
     * Bob joins a public room with a tab on one instance, his first join of it: his tab on the other instance,
     * in no room, is told of the room's next message.
     */
    @Test
    void aMemberJoiningOnOneInstanceIsNotifiedOnTheOther() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "joinedMemberAcrossInstances");

        assertEquals(List.of("message:hello " + seen.getString("stamp")), strings(seen, "bobNotified"));
    }

    /** Added to a private room on one instance, Bob on the other is told of its next message. */
    @Test
    void aMemberAddedOnOneInstanceIsNotifiedOnTheOther() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "addedMemberAcrossInstances");

        assertEquals(200, seen.getInt("added"), seen.toString());
        assertEquals(List.of("message:welcome " + seen.getString("stamp")), strings(seen, "bobNotified"));
    }

    /**
     * A user is online while any instance has a tab of theirs: Bob hears Alice come online when her first tab
     * opens on the other instance, nothing when a second opens on his or her first closes, and offline only
     * when her last tab closes; a join on his instance lists her online while her only tab is on the other.
     */
    @Test
    void bobSeesAliceOnlineWhileAnyInstanceHasATabOfHersAndOfflineOnceNoneHas() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "presenceAcrossInstances");

        assertTrue(seen.getBoolean("aliceOnlineInMembersWhileOnTheOtherInstance"), seen.toString());
        assertEquals(List.of("online"), strings(seen, "whileOnBoth"));
        assertEquals(List.of("online", "offline"), strings(seen, "all"));
        JsonObject listed = seen.getJsonObject("listed");
        assertFalse(listed.getBoolean("online"), seen.toString());
        assertEquals(Instant.parse(seen.getString("wentAt")), Instant.parse(listed.getString("lastSeenAt")),
                "bob's instance lists her as last seen when her tab on the other one went: " + seen);
    }

    /**
     * Alice's last two tabs, one on each instance, close together: each instance thought the other still had
     * her, and left the news to it. Bob still hears once that she is offline.
     */
    @Test
    void whenTheLastTabsOnTwoInstancesCloseTogetherTheUserIsStillAnnouncedOfflineOnce() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "lastTabsCloseTogether");

        assertEquals(List.of("online", "offline"), strings(seen, "all"));
        assertFalse(seen.getBoolean("aliceOnlineInMembers"), seen.toString());
    }

    /** An administrator on one instance disconnects a user whose tab is on the other. */
    @Test
    void anAdministratorOnOneInstanceDisconnectsAUserOnTheOther() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "adminAcrossInstances");

        assertEquals("transport close", seen.getString("reason"), "as for a user on the same instance (ChatSocketContract)");
        assertEquals(0, seen.getInt("socketsOnTheAdminsInstance"));
        assertEquals(2, seen.getInt("listedInstances"), "the admin's users list asked both instances");
        assertEquals(1, seen.getJsonObject("listedSockets").getInt("bob"), "Bob's tab on the other instance");
        assertEquals(2, seen.getJsonObject("listedSockets").getInt("alice"), "Alice's tabs, one on each instance");
    }

    @Test
    void aPasswordChangedOnOneInstanceEndsTheSignInOnTheOther() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "passwordAcrossInstances");

        assertEquals(200, seen.getInt("status"), seen.toString());
        assertEquals("transport close", seen.getString("reason"), "the phone's socket on the other instance");
        assertEquals(401, seen.getInt("phoneMe"), "the phone's session on the other instance ended");
        assertTrue(seen.getBoolean("deskStill"), "the sign-in that changed it stays: " + seen);
    }

    @Test
    void aNameChangedOnOneInstanceIsWhatTheOtherSendsAndShows() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "renameAcrossInstances");

        assertEquals(200, seen.getInt("status"), seen.toString());
        assertEquals("Rae After", seen.getString("bobHeard"));
        assertEquals("Rae After", seen.getString("phoneHeard"), "her own tab on the other instance");
        assertEquals("Rae After", seen.getString("messageName"), "the other instance's writer forgot the old name");
        assertEquals("Rae After", seen.getString("typingName"), "her socket there holds the new name");
        assertEquals("Rae After", seen.getString("phoneMe"), "her session there too");
    }

    @Test
    void anEditAndADeletionOnOneInstanceReachTheRoomOnTheOther() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "editAcrossInstances");

        assertTrue(seen.getBoolean("edited") && seen.getBoolean("removed"), seen.toString());
        assertEquals(List.of("final"), strings(seen, "bobUpdated"), "once");
        assertEquals(1, seen.getJsonArray("bobDeleted").size(), seen.toString());
        assertTrue(seen.getJsonArray("bobDeleted").getBoolean(0), "a tombstone: " + seen);
    }

    /**
     * Redis stops: the instances no longer hear from each other, so after three presence intervals each takes
     * the other for gone and Bob hears Alice (whose tab is on the other instance) offline. Redis comes back:
     * the other instance's next snapshot has her, and Bob hears her online again.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void presenceIsRepairedOnceRedisIsBack() throws Exception {
        try (ScriptProcess script = startScenario("redisAway")) {
            script.await(ScriptProcess.type("ready"), Duration.ofSeconds(60));
            redis.stop();
            script.send("stopped");
            JsonObject away = script.await(ScriptProcess.type("away"), Duration.ofSeconds(60));
            redis.boot();
            script.send("started");
            JsonObject seen = script.await(ScriptProcess.type("observed"), Duration.ofSeconds(60));

            assertEquals(List.of("online", "offline"), strings(away, "alice"), "taken for gone while Redis is away");
            assertEquals(List.of("online", "offline", "online"), strings(seen, "alice"), seen.toString());
            assertTrue(seen.getBoolean("aliceOnlineInMembers"), seen.toString());
            script.finish(Duration.ofSeconds(10));
        }
    }

    /**
     * An instance killed without a word: once the other has not heard from it for three presence intervals,
     * it tells its own tabs that the users who were only there are offline, last seen before the kill. Last,
     * since instance one stays dead.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenAnInstanceDiesItsUsersAreAnnouncedOfflineOnTheOthers() {
        try (ScriptProcess script = startScenario("instanceDies")) {
            script.await(ScriptProcess.type("ready"), Duration.ofSeconds(60));
            one.crash();
            script.send("killed");
            JsonObject seen = script.await(ScriptProcess.type("observed"), Duration.ofSeconds(60));

            assertEquals(List.of("online", "offline"), strings(seen, "alice"), seen.toString());
            assertTrue(seen.getInt("heardAfterMs") < 15_000, "forgotten after 6-8 s, " + seen);
            assertTrue(Instant.parse(seen.getString("lastSeenAt")).isBefore(Instant.parse(seen.getString("killedAt"))),
                    "last seen when instance one was last heard from: " + seen);
            assertFalse(seen.getBoolean("aliceOnlineInMembers"), seen.toString());
            script.finish(Duration.ofSeconds(10));
        }
    }

    /** A scenario of cluster.mjs that waits for the test between its steps (lines on its stdin). */
    private static ScriptProcess startScenario(String name) {
        return NodeScript.start("scenarios/cluster.mjs", one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, name);
    }
}
