package dev.parley.chat.live;

import dev.parley.chat.StorageBackend;
import dev.parley.chat.storage.DatabaseSettings;
import dev.parley.it.NodeScript;
import dev.parley.it.ParleyProcess;
import dev.parley.it.RedisServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.parley.chat.live.ChatSocketContract.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Parley instances on Payara Micro, each in its own process, on one PostgreSQL database, sharing rooms
 * through a real Redis server (parley.redis.url), driven by the stock socket.io-client: Alice on one instance
 * and Bob on the other chat in the same room, each message reaching every tab once, typing too.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
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
                ParleyProcess.TOKEN_SECRET, UUID.randomUUID().toString());
        one = ParleyProcess.start(config);
        two = ParleyProcess.start(config); // after the first: it finds the schema and demo accounts made
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
    }

    /** An administrator on one instance disconnects a user whose tab is on the other. */
    @Test
    void anAdministratorOnOneInstanceDisconnectsAUserOnTheOther() {
        JsonObject seen = NodeScript.observe(Duration.ofSeconds(60), "scenarios/cluster.mjs",
                one.url(), two.url(), ParleyProcess.DEMO_PASSWORD, "adminAcrossInstances");

        assertEquals("transport close", seen.getString("reason"), "as for a user on the same instance (ChatSocketContract)");
        assertEquals(0, seen.getInt("socketsOnTheAdminsInstance"));
    }
}
