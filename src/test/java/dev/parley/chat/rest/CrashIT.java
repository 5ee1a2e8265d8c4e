package dev.parley.chat.rest;

import dev.parley.it.ParleyProcess;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.parley.it.ParleyProcess.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a sender was told is stored survives the server being killed (SIGKILL, as a crash or the OOM killer
 * would) right after the ack, on the default H2 file: messages acknowledged over the socket and over REST in
 * the last moments before the kill are all in the history after a restart. Parley on Payara Micro in a process
 * of its own ({@link ParleyProcess}), driven from outside by the Java socket.io-client and plain HTTP.
 */
class CrashIT {

    private static final int EACH = 12;
    /** Under parley.chat.rate-limit (10 a second per user), so that no message is refused for a flood. */
    private static final long PACE_MS = 120;
    private static ParleyProcess parley;

    @BeforeAll
    static void start() throws Exception {
        parley = ParleyProcess.start();
    }

    @AfterAll
    static void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void messagesAckedJustBeforeAKillAreInTheHistoryAfterTheRestart() throws Exception {
        ApiClient alice = signedIn();
        long general = alice.get("api/rooms").array().stream()
                .filter(room -> room.getString("name").equals("general")).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        String token = new ApiClient(new URL(parley.url())).post("api/auth/token", Json.createObjectBuilder()
                .add("username", "bob").add("password", DEMO_PASSWORD).build()).object().getString("token");

        Set<Long> acked = new TreeSet<>();
        Socket bob = IO.socket(URI.create(parley.url()), IO.Options.builder().setForceNew(true)
                .setReconnection(false).setTransports(new String[] {WebSocket.NAME}).setAuth(Map.of("token", token))
                .build());
        try {
            CompletableFuture<Void> connected = new CompletableFuture<>();
            bob.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
            bob.connect();
            connected.get(15, TimeUnit.SECONDS);
            assertTrue(ack(bob, "join-room", general).getBoolean("ok"));
            for (int i = 0; i < EACH; i++) {
                JSONObject message = new JSONObject(Map.of("roomId", general, "text", "socket " + i,
                        "clientMsgId", "crash-socket-" + i));
                JSONObject reply = ack(bob, "message", message);
                assertTrue(reply.getBoolean("ok"), reply.toString());
                acked.add(reply.getLong("id"));
                JsonObject posted = alice.post("api/rooms/" + general + "/messages", Json.createObjectBuilder()
                        .add("text", "rest " + i).add("clientMsgId", "crash-rest-" + i).build()).object();
                acked.add(posted.getJsonNumber("id").longValue());
                if (i < EACH - 1) {
                    Thread.sleep(PACE_MS);
                }
            }
        } finally {
            bob.close();
        }

        parley.crash(); // at once: the last acks are a few milliseconds old
        parley.boot();

        ApiClient again = signedIn();
        long first = acked.iterator().next();
        List<JsonObject> stored = new ArrayList<>();
        for (long after = first - 1; ; ) {
            List<JsonObject> page = again.get("api/rooms/" + general + "/messages?after=" + after).object()
                    .getJsonArray("messages").getValuesAs(JsonObject.class);
            if (page.isEmpty()) {
                break;
            }
            stored.addAll(page);
            after = page.get(page.size() - 1).getJsonNumber("id").longValue();
        }
        Set<Long> storedIds = stored.stream().map(m -> m.getJsonNumber("id").longValue())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2 * EACH, acked.size());
        assertTrue(storedIds.containsAll(acked), "acked " + acked + " but after the restart only " + storedIds);
    }

    private static ApiClient signedIn() throws Exception {
        ApiClient client = new ApiClient(new URL(parley.url()));
        assertEquals(200, client.login("alice", DEMO_PASSWORD).status());
        return client;
    }

    private static JSONObject ack(Socket socket, String event, Object payload) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, new Object[] {payload}, (Ack) answer::complete);
        return (JSONObject) answer.get(10, TimeUnit.SECONDS)[0];
    }
}
