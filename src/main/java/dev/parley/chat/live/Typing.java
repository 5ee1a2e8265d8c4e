package dev.parley.chat.live;

import dev.parley.chat.message.UserRef;
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

    private final Map<String, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();

    public void update(long roomId, UserRef user, boolean isTyping) {
        String key = roomId + "/" + user.id();
        ScheduledFuture<?> previous = isTyping
                ? typing.put(key, scheduler.schedule(() -> expire(key, roomId, user), expiryMillis, TimeUnit.MILLISECONDS))
                : typing.remove(key);
        if (previous != null) {
            previous.cancel(false);
        }
        announce(roomId, user, isTyping);
    }

    /** The user sent a message or left: they are no longer typing there. */
    public void stop(long roomId, UserRef user) {
        ScheduledFuture<?> previous = typing.remove(roomId + "/" + user.id());
        if (previous != null) {
            previous.cancel(false);
            announce(roomId, user, false);
        }
    }

    private void expire(String key, long roomId, UserRef user) {
        if (typing.remove(key) != null) {
            announce(roomId, user, false);
        }
    }

    /** To the room, except the typist's own tabs. */
    private void announce(long roomId, UserRef user, boolean isTyping) {
        io.of("/").to(Rooms.chat(roomId)).except(Rooms.user(user.id())).emit("typing", event(roomId, user, isTyping));
    }

    private static Map<String, Object> event(long roomId, UserRef user, boolean isTyping) {
        return Map.of("roomId", roomId, "user", user, "isTyping", isTyping);
    }
}
