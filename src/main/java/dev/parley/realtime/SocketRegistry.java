package dev.parley.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every connected socket of this instance, by id, by user (a user with several tabs has several
 * sockets) and by room (through each namespace's adapter, which keeps room membership). Fires {@link PresenceChanged} when a user's first
 * socket arrives or their last one leaves.
 */
@ApplicationScoped
public class SocketRegistry {

    private static final Logger LOG = Logger.getLogger(SocketRegistry.class.getName());
    static final String USER = "parley.userId";

    private final Map<String, Socket> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Socket>> byUser = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    @Inject
    Event<PresenceChanged> presence;

    void add(Socket socket) {
        byId.put(socket.id(), socket);
    }

    void remove(Socket socket) {
        byId.remove(socket.id());
        Object user = socket.data().get(USER);
        if (user == null) {
            return;
        }
        boolean[] last = {false};
        byUser.computeIfPresent((String) user, (id, sockets) -> {
            sockets.remove(socket);
            last[0] = sockets.isEmpty();
            return last[0] ? null : sockets;
        });
        version.incrementAndGet(); // after the change: a reader that saw the old number works it out again
        if (last[0]) {
            fire(new PresenceChanged((String) user, false));
        }
    }

    /** Marks the socket as {@code userId}'s. Call it once, when the socket is admitted. */
    public void bindUser(Socket socket, String userId) {
        socket.data().put(USER, userId);
        boolean[] first = {false};
        byUser.compute(userId, (id, sockets) -> {
            Set<Socket> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            first[0] = set.isEmpty();
            set.add(socket);
            return set;
        });
        version.incrementAndGet();
        if (first[0]) {
            fire(new PresenceChanged(userId, true));
        }
        if (!socket.connected()) { // it closed while being admitted: its remove() may have come first
            remove(socket);
        }
    }

    public static String userOf(Socket socket) {
        return (String) socket.data().get(USER);
    }

    public Socket socket(String id) {
        return byId.get(id);
    }

    public Collection<Socket> sockets() {
        return byId.values();
    }

    public Set<Socket> socketsOf(String userId) {
        Set<Socket> sockets = byUser.get(userId);
        return sockets == null ? Set.of() : Set.copyOf(sockets);
    }

    /** Whether any socket of the user matches, without copying their sockets. */
    public boolean anySocketOf(String userId, java.util.function.Predicate<Socket> test) {
        Set<Socket> sockets = byUser.get(userId);
        if (sockets == null) {
            return false;
        }
        for (Socket socket : sockets) {
            if (test.test(socket)) {
                return true;
            }
        }
        return false;
    }

    /** The sockets of a namespace in a room (on this instance; the adapter keeps the membership). */
    public List<Socket> socketsIn(Namespace namespace, String room) {
        List<Socket> sockets = new ArrayList<>();
        for (String id : namespace.adapter().socketsIn(room)) {
            Socket socket = namespace.socket(id);
            if (socket != null) {
                sockets.add(socket);
            }
        }
        return sockets;
    }

    /** A number that changes whenever a user's sockets do (see {@link Adapter#version()} for rooms). */
    public long version() {
        return version.get();
    }

    public boolean isOnline(String userId) {
        return byUser.containsKey(userId);
    }

    /** How many users have a socket here. */
    public int onlineCount() {
        return byUser.size();
    }

    public Set<String> onlineUsers() {
        return Set.copyOf(byUser.keySet());
    }

    private void fire(PresenceChanged change) {
        try {
            presence.fire(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "presence observer failed for " + change, e);
        }
    }
}
