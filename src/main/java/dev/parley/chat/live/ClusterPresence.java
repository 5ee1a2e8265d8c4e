package dev.parley.chat.live;

import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is online on the other instances, when several share rooms (parley.redis.url). Each instance tells the
 * others when a user's first tab arrives on it or their last one leaves, and every 10 s which users it has, so
 * that one that started late or missed an event catches up, and one that died is forgotten after 30 s. With
 * that, {@link Presence} announces a user online on their first tab on any instance and offline on their last.
 * Alone, an instance has nothing to ask: a user is online while this instance has a tab of theirs.
 */
@ApplicationScoped
public class ClusterPresence {

    static final String CHANGED = "presence-changed";
    static final String SNAPSHOT = "presence-snapshot";
    static final String HELLO = "presence-hello";
    private static final long EVERY_SECONDS = 10;
    private static final long FORGET_AFTER_NANOS = TimeUnit.SECONDS.toNanos(3 * EVERY_SECONDS);

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    Presence presence;

    /** The users each other instance has, as last heard, and when. */
    private final Map<String, Heard> others = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    private record Heard(Set<String> users, long at) {
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!io.clustered()) {
            return;
        }
        io.onServerSideEmit(CHANGED, this::changedElsewhere);
        io.onServerSideEmit(SNAPSHOT, this::snapshotFrom);
        io.onServerSideEmit(HELLO, json -> sendSnapshot()); // a new instance wants to know at once
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-cluster-presence");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sendSnapshot, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        io.serverSideEmit(HELLO, () -> json(Map.of()));
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Online on this instance or on another one. */
    public boolean isOnline(String userId) {
        return registry.isOnline(userId) || onlineElsewhere(userId);
    }

    /** Whether another instance has a tab of this user, as last heard (never when this instance is alone). */
    boolean onlineElsewhere(String userId) {
        long now = System.nanoTime();
        others.values().removeIf(heard -> now - heard.at() > FORGET_AFTER_NANOS);
        for (Heard heard : others.values()) {
            if (heard.users().contains(userId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * This instance's first tab of a user arrived, or its last one left: the others should know, and whether
     * the rooms were told.
     */
    void changedHere(String userId, boolean online, boolean announced) {
        io.serverSideEmit(CHANGED, () -> json(Map.of("user", userId, "online", String.valueOf(online),
                "announced", String.valueOf(announced))));
    }

    private void changedElsewhere(String text) {
        JsonObject event = read(text);
        String instance = event.getString("instance");
        String user = event.getString("user");
        boolean online = Boolean.parseBoolean(event.getString("online"));
        others.compute(instance, (id, heard) -> {
            Set<String> users = heard == null ? new HashSet<>() : new HashSet<>(heard.users());
            if (online) {
                users.add(user);
            } else {
                users.remove(user);
            }
            return new Heard(Set.copyOf(users), System.nanoTime());
        });
        if (!online && Boolean.parseBoolean(event.getString("announced")) && registry.isOnline(user)) {
            // The other instance saw its last tab of this user go and announced them offline while a tab of
            // theirs arrived here, before it heard of it: say again that they are online.
            presence.announce(Long.parseLong(user), true);
        }
    }

    private void snapshotFrom(String text) {
        JsonObject snapshot = read(text);
        Set<String> users = new HashSet<>();
        snapshot.getJsonArray("users").getValuesAs(JsonString.class).forEach(user -> users.add(user.getString()));
        others.put(snapshot.getString("instance"), new Heard(Set.copyOf(users), System.nanoTime()));
    }

    private void sendSnapshot() {
        io.serverSideEmit(SNAPSHOT, () -> {
            JsonArrayBuilder users = Json.createArrayBuilder();
            registry.onlineUsers().forEach(users::add);
            return Json.createObjectBuilder().add("instance", io.instanceId()).add("users", users).build().toString();
        });
    }

    private String json(Map<String, String> fields) {
        var json = Json.createObjectBuilder().add("instance", io.instanceId());
        fields.forEach(json::add);
        return json.build().toString();
    }

    private static JsonObject read(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
