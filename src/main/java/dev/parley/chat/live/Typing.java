package dev.parley.chat.live;

import dev.parley.chat.account.UserRef;
import dev.parley.realtime.SocketServer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Typing indicators. "Typing" lasts {@code parley.chat.typing-expiry-ms} unless renewed, then the room is
 * told the user stopped, so a closed tab or lost "stopped typing" never leaves "Alice is typing…" behind.
 * The room hears a change, and a renewal at most every half expiry: clients that send "typing" on every
 * keystroke would otherwise make every member's tab hear every keystroke, while clients that guard against a
 * lost "stopped" with a timer of their own (the page: 6 s) still hear the user is typing before it runs out.
 */
@ApplicationScoped
public class Typing {

    @Inject
    SocketServer io;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "parley.chat.typing-expiry-ms", defaultValue = "5000")
    long expiryMillis;

    private final Map<String, Typist> typing = new ConcurrentHashMap<>();

    /** A user typing in a room: until when, and when the room last heard it. */
    private record Typist(ScheduledFuture<?> expiry, long until, long announcedAt) {
    }

    public void update(long roomId, UserRef user, boolean isTyping) {
        if (!isTyping) {
            if (!stop(roomId, user) && io.clustered()) {
                announce(roomId, user, false); // another tab of theirs, on another instance, may have said so there
            }
            return;
        }
        String key = key(roomId, user);
        long now = System.nanoTime();
        long expiry = TimeUnit.MILLISECONDS.toNanos(expiryMillis);
        boolean[] tell = {false};
        typing.compute(key, (k, before) -> {
            if (before != null) {
                before.expiry().cancel(false);
            }
            tell[0] = before == null || now - before.announcedAt() >= expiry / 2;
            return new Typist(scheduler.schedule(() -> expire(key, roomId, user), expiryMillis, TimeUnit.MILLISECONDS),
                    now + expiry, tell[0] ? now : before.announcedAt());
        });
        if (tell[0]) {
            announce(roomId, user, true);
        }
    }

    /**
     * The user sent a message, left, or said they stopped: they are no longer typing there.
     *
     * @return whether this instance had them typing there, and told the room they stopped
     */
    public boolean stop(long roomId, UserRef user) {
        Typist before = typing.remove(key(roomId, user));
        if (before != null) {
            before.expiry().cancel(false);
            announce(roomId, user, false);
        }
        return before != null;
    }

    /** Only a typist whose time is up: a renewal may have come as this expiry was about to run. */
    private void expire(String key, long roomId, UserRef user) {
        boolean[] expired = {false};
        typing.computeIfPresent(key, (k, typist) -> {
            expired[0] = System.nanoTime() - typist.until() >= 0;
            return expired[0] ? null : typist;
        });
        if (expired[0]) {
            announce(roomId, user, false);
        }
    }

    private static String key(long roomId, UserRef user) {
        return roomId + "/" + user.id();
    }

    /** To the room, except the typist's own tabs. */
    private void announce(long roomId, UserRef user, boolean isTyping) {
        io.of("/").to(Rooms.chat(roomId)).except(Rooms.user(user.id())).emit("typing", event(roomId, user, isTyping));
    }

    private static Map<String, Object> event(long roomId, UserRef user, boolean isTyping) {
        return Map.of("roomId", roomId, "user", user, "isTyping", isTyping);
    }
}
