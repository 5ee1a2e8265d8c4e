package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Who is connected, with how many sockets, on every instance: the admin's {@code users}. Alone, this
 * instance's registry; with others (parley.redis.url) it asks them, as Node's {@code fetchSockets()} does
 * across a Redis adapter, and answers with what came back within a second, saying how many instances that is.
 */
@ApplicationScoped
public class ConnectedUsers {

    private static final Logger LOG = Logger.getLogger(ConnectedUsers.class.getName());
    static final String ASK = "users-ask";
    static final String TELL = "users-tell";
    private static final long WAIT_MILLIS = 1000;

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    ClusterPresence cluster;

    /** Questions of this instance still waiting for answers, by request id. */
    private final Map<String, Question> asked = new ConcurrentHashMap<>();

    /** A user connected somewhere: their id, display name and sockets. */
    record Connected(long id, String name, int sockets) {

        Map<String, Object> toMap() {
            return Map.of("id", id, "name", name, "sockets", sockets);
        }
    }

    /** The instances' lists as they come in, and the answer once all that were asked answered, or time ran out. */
    private static final class Question {
        final int expected;
        final List<List<Connected>> lists = new ArrayList<>();
        final CompletableFuture<Everywhere> answer = new CompletableFuture<>();

        Question(int expected, List<Connected> here) {
            this.expected = expected;
            lists.add(here);
        }

        synchronized void add(List<Connected> list) {
            lists.add(list);
            if (lists.size() == expected + 1) {
                complete();
            }
        }

        synchronized void complete() {
            answer.complete(new Everywhere(merged(lists), lists.size()));
        }
    }

    /** The users connected on {@code instances} instances (this one included). */
    record Everywhere(List<Connected> users, int instances) {
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.onServerSideEmit(ASK, this::askedBy);
        io.onServerSideEmit(TELL, this::told);
    }

    /** Every instance's connected users, merged by user (sockets added up), in id order. */
    CompletionStage<Everywhere> everywhere() {
        int others = cluster.otherInstances();
        List<Connected> here = here();
        if (others == 0) {
            return CompletableFuture.completedFuture(new Everywhere(merged(List.of(here)), 1));
        }
        String request = UUID.randomUUID().toString();
        Question question = new Question(others, here);
        asked.put(request, question);
        io.serverSideEmit(ASK, () -> Json.createObjectBuilder()
                .add("instance", io.instanceId()).add("request", request).build().toString());
        CompletableFuture.delayedExecutor(WAIT_MILLIS, TimeUnit.MILLISECONDS).execute(question::complete);
        return question.answer.whenComplete((answer, error) -> {
            asked.remove(request);
            if (answer != null && answer.instances() <= others) {
                LOG.info(() -> "users: " + (others + 1 - answer.instances()) + " of " + (others + 1)
                        + " instances did not answer within " + WAIT_MILLIS + " ms");
            }
        });
    }

    private List<Connected> here() {
        List<Connected> users = new ArrayList<>();
        for (String id : registry.onlineUsers()) {
            List<Socket> sockets = List.copyOf(registry.socketsOf(id));
            if (!sockets.isEmpty()) {
                AccountView account = ChatAuthentication.account(sockets.get(0));
                users.add(new Connected(Long.parseLong(id), account == null ? "" : account.displayName(), sockets.size()));
            }
        }
        return users;
    }

    private void askedBy(String text) {
        JsonObject question = ClusterPresence.read(text);
        JsonArrayBuilder users = Json.createArrayBuilder();
        here().forEach(user -> users.add(Json.createObjectBuilder()
                .add("id", user.id()).add("name", user.name()).add("sockets", user.sockets())));
        String answer = Json.createObjectBuilder().add("instance", io.instanceId())
                .add("request", question.getString("request")).add("users", users).build().toString();
        io.serverSideEmit(TELL, () -> answer);
    }

    private void told(String text) {
        JsonObject answer = ClusterPresence.read(text);
        Question question = asked.get(answer.getString("request"));
        if (question == null) {
            return; // another instance's question, or one that timed out
        }
        question.add(answer.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(user -> new Connected(user.getJsonNumber("id").longValue(), user.getString("name"),
                        user.getInt("sockets")))
                .toList());
    }

    private static List<Connected> merged(List<List<Connected>> lists) {
        Map<Long, Connected> byId = new TreeMap<>();
        lists.forEach(list -> list.forEach(user -> byId.merge(user.id(), user,
                (a, b) -> new Connected(a.id(), a.name().isEmpty() ? b.name() : a.name(), a.sockets() + b.sockets()))));
        return List.copyOf(byId.values());
    }
}
