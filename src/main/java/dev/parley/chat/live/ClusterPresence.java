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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.StringReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is online on the other instances, when several share rooms (parley.redis.url). Each instance tells the
 * others when a user's first tab arrives on it or their last one leaves, and every interval (10 s by default,
 * {@code parley.cluster.presence-interval}) which users it has, so that one that started late or missed an
 * event catches up. With that, {@link Presence} announces a user online on their first tab on any instance
 * and offline on their last. An instance not heard from for three intervals (it died, or lost Redis) is
 * forgotten, and each other instance tells its own tabs that the users it had, and no instance has now, are
 * offline; one that stops cleanly says so first. Alone, an instance has nothing to ask: a user is online
 * while this instance has a tab of theirs.
 */
@ApplicationScoped
public class ClusterPresence {

    private static final Logger LOG = Logger.getLogger(ClusterPresence.class.getName());
    static final String CHANGED = "presence-changed";
    static final String SNAPSHOT = "presence-snapshot";
    static final String HELLO = "presence-hello";
    static final String BYE = "presence-bye";

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    Presence presence;

    @Inject
    RoomMembers roomMembers;

    @Inject
    @ConfigProperty(name = "parley.cluster.presence-interval", defaultValue = "10")
    long intervalSeconds;

    /** The users each other instance has, as last heard, and when (monotonic, and wall clock for last-seen). */
    private final Map<String, Heard> others = new ConcurrentHashMap<>();
    /**
     * Users whose going offline this instance has told: every instance's tabs (its own last tab went and no
     * other had one) or its own (another instance left the news to it). Guarded by itself, which also makes
     * those two decisions one at a time: one taken while the other instance's news was being read told this
     * instance's tabs twice. A user leaves it when a tab of theirs is heard of again, here or elsewhere.
     */
    private final Set<String> toldOffline = new HashSet<>();
    private ScheduledExecutorService timer;

    private record Heard(Set<String> users, long at, Instant wallClock) {

        Heard(Set<String> users) {
            this(Set.copyOf(users), System.nanoTime(), Instant.now());
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!io.clustered()) {
            return;
        }
        io.onServerSideEmit(CHANGED, this::changedElsewhere);
        io.onServerSideEmit(SNAPSHOT, this::snapshotFrom);
        io.onServerSideEmit(HELLO, json -> sendSnapshot()); // a new instance wants to know at once
        io.onServerSideEmit(BYE, json -> forget(read(json).getString("instance")));
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-cluster-presence");
            thread.setDaemon(true);
            return thread;
        });
        intervalSeconds = Math.max(1, intervalSeconds);
        timer.scheduleAtFixedRate(() -> {
            try {
                sendSnapshot();
                forgetSilent();
            } catch (RuntimeException e) { // a task that throws is never run again
                LOG.log(Level.WARNING, "presence snapshot or check of the other instances failed", e);
            }
        }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        io.serverSideEmit(HELLO, () -> json(Map.of()));
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            io.serverSideEmit(BYE, () -> json(Map.of()));
        }
    }

    /** Online on this instance or on another one. */
    public boolean isOnline(String userId) {
        return registry.isOnline(userId) || onlineElsewhere(userId);
    }

    /**
     * Whether this instance tells every room of its own change (a user's first tab here, or their last): not
     * while another instance has a tab of theirs, nor for an offline this instance's tabs were told of already.
     */
    boolean announcesOwnChange(String userId, boolean online) {
        if (!io.clustered()) {
            return true; // the only instance: its changes alternate, and no one else's news comes
        }
        synchronized (toldOffline) {
            if (online) {
                toldOffline.remove(userId);
                return !onlineElsewhere(userId);
            }
            return !onlineElsewhere(userId) && toldOffline.add(userId);
        }
    }

    /** Whether this instance, told that another left the news of a user's going to it, tells its own tabs. */
    private boolean tellsOwnTabsOfOffline(String userId) {
        synchronized (toldOffline) {
            return !isOnline(userId) && toldOffline.add(userId);
        }
    }

    /** Whether another instance has a tab of this user, as last heard (never when this instance is alone). */
    boolean onlineElsewhere(String userId) {
        long now = System.nanoTime();
        for (Heard heard : others.values()) {
            if (!silentSince(heard, now) && heard.users().contains(userId)) {
                return true;
            }
        }
        return false;
    }

    /** The other instances heard from lately. */
    int otherInstances() {
        long now = System.nanoTime();
        return (int) others.values().stream().filter(heard -> !silentSince(heard, now)).count();
    }

    private boolean silentSince(Heard heard, long now) {
        return now - heard.at() > TimeUnit.SECONDS.toNanos(3 * intervalSeconds);
    }

    private void forgetSilent() {
        long now = System.nanoTime();
        others.forEach((instance, heard) -> {
            if (silentSince(heard, now)) {
                forget(instance);
            }
        });
    }

    /**
     * The instance is gone: its users that no instance has now are offline, last seen when it was last heard
     * from. Every instance tells its own tabs (a local broadcast), so each tab hears it once.
     */
    private void forget(String instance) {
        Heard gone = others.remove(instance);
        if (gone == null) {
            return;
        }
        LOG.info(() -> "instance " + instance + " forgotten (" + gone.users().size() + " users online there)");
        for (String user : gone.users()) {
            if (!isOnline(user)) {
                presence.announceHere(Long.parseLong(user), false, gone.wallClock());
            }
        }
    }

    /**
     * This instance's first tab of a user arrived, or its last one left: the others should know, and whether
     * the rooms were told.
     */
    void changedHere(String userId, boolean online, boolean announced, Instant at) {
        io.serverSideEmit(CHANGED, () -> json(Map.of("user", userId, "online", String.valueOf(online),
                "announced", String.valueOf(announced), "at", at.toString())));
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
            return new Heard(users);
        });
        if (online) {
            synchronized (toldOffline) {
                toldOffline.remove(user);
            }
            return;
        }
        if (!isOnline(user)) { // gone everywhere: a join here lists them as last seen then, not at an older time
            Instant at = event.containsKey("at") ? Instant.parse(event.getString("at")) : Instant.now();
            roomMembers.seen(Long.parseLong(user), at);
        }
        boolean announced = Boolean.parseBoolean(event.getString("announced"));
        if (announced && registry.isOnline(user)) {
            // The other instance saw its last tab of this user go and announced them offline while a tab of
            // theirs arrived here, before it heard of it: say again that they are online.
            presence.announce(Long.parseLong(user), true);
        } else if (!announced && tellsOwnTabsOfOffline(user)) {
            // It left the news to an instance it thought had a tab of theirs, but that one's last tab went at
            // the same moment (and it left the news to the first): no one said it. Each instance hearing this
            // tells its own tabs, so that each tab hears it once.
            presence.announceHere(Long.parseLong(user), false, Instant.now());
        }
    }

    /**
     * Who another instance has now. Users that appear or vanish in it were missed (Redis was away, for this
     * instance or that one, or that one was forgotten): this instance tells its own tabs what changed.
     */
    private void snapshotFrom(String text) {
        JsonObject snapshot = read(text);
        String instance = snapshot.getString("instance");
        Set<String> users = new HashSet<>();
        snapshot.getJsonArray("users").getValuesAs(JsonString.class).forEach(user -> users.add(user.getString()));
        Heard before = others.get(instance);
        Set<String> known = before == null || silentSince(before, System.nanoTime()) ? Set.of() : before.users();
        // an instance with no tab has no one to tell (one just started learns who is where without a lookup each)
        List<String> cameOnline = registry.onlineUsers().isEmpty() ? List.of()
                : users.stream().filter(user -> !known.contains(user) && !isOnline(user)).toList();
        others.put(instance, new Heard(users));
        synchronized (toldOffline) {
            toldOffline.removeAll(users); // online there: their next going is news again, should a change be lost
        }
        cameOnline.forEach(user -> presence.announceHere(Long.parseLong(user), true, null));
        known.stream().filter(user -> !users.contains(user) && !isOnline(user))
                .forEach(user -> presence.announceHere(Long.parseLong(user), false, Instant.now()));
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

    static JsonObject read(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
