package dev.parley.chat.live;

import dev.parley.chat.account.Accounts;
import dev.parley.chat.auth.SessionEnded;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.realtime.Broadcast;
import dev.parley.realtime.PresenceChanged;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Online/offline: a user's first tab makes them online, their last one closing stores {@code lastSeenAt}
 * and makes them offline; either way {@code presence} goes to the rooms they are a member of. Also ends
 * a user's sockets when the HTTP session they were opened with ends (logout, expiry).
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class.getName());

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    Accounts accounts;

    @Inject
    RoomDirectory rooms;

    @Inject
    ClusterPresence cluster;

    @Inject
    RoomMembers roomMembers;

    void changed(@Observes PresenceChanged change) {
        // online on another instance: neither newly online nor gone
        boolean announced = cluster.announcesOwnChange(change.userId(), change.online());
        Instant at = Instant.now(); // one last-seen time on every instance
        cluster.changedHere(change.userId(), change.online(), announced, at);
        if (announced) {
            tell(false, Long.parseLong(change.userId()), change.online(), change.online() ? null : at);
        }
    }

    /** Tells the rooms the user is a member of that they are online, or offline (storing when they were last seen). */
    void announce(long userId, boolean online) {
        tell(false, userId, online, online ? null : Instant.now());
    }

    /**
     * As {@link #announce}, to this instance's tabs only: what each instance tells its own when it finds out
     * on its own (another instance went silent, or was heard again), so that each tab hears it once.
     */
    void announceHere(long userId, boolean online, Instant lastSeen) {
        tell(true, userId, online, online ? null : lastSeen);
    }

    /** Where every change is told: {@code here}, to this instance's tabs, else to every instance's. */
    void tell(boolean here, long userId, boolean online, Instant lastSeen) {
        if (!online) {
            accounts.markSeen(userId, lastSeen);
            roomMembers.seen(userId, lastSeen);
        }
        var account = accounts.find(userId);
        if (account.isEmpty()) {
            return;
        }
        String[] memberRooms = rooms.memberRoomIds(userId).stream().map(Rooms::chat).toArray(String[]::new);
        if (memberRooms.length > 0) {
            Broadcast members = here ? io.of("/").to(memberRooms).local() : io.of("/").to(memberRooms);
            Map<String, Object> event = new HashMap<>();
            event.put("user", ChatEvents.user(account.get()));
            event.put("online", online);
            event.put("lastSeenAt", lastSeen);
            members.emit("presence", event);
        }
    }

    /** Logout or session expiry: the sockets that session authenticated go too, in every namespace. */
    void sessionEnded(@Observes SessionEnded ended) {
        for (Socket socket : List.copyOf(registry.sockets())) {
            if (ended.had(socket.handshake().attributes().get(SessionUser.SESSION_ID))) {
                LOG.info(() -> "session of user " + ended.userId() + " ended: closing socket " + socket.id());
                socket.disconnectAll();
            }
        }
    }
}
