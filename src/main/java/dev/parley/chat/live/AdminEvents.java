package dev.parley.chat.live;

import dev.parley.chat.ChatException;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.message.Appended;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.room.VisibleRoom;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import dev.parley.chat.message.MessagePosted;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code /admin} namespace, for administrators only: {@code users} lists who is connected (on every instance),
 * {@code disconnect-user} ends all of a user's sockets, {@code announce} posts a message to every room.
 */
@ApplicationScoped
public class AdminEvents {

    private static final Logger LOG = Logger.getLogger(AdminEvents.class.getName());

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    ChatAuthentication authentication;

    @Inject
    RoomDirectory rooms;

    @Inject
    ConnectedUsers connected;

    @Inject
    MessageStore messages;

    @Inject
    Event<MessagePosted> posted;

    /** The server-side event by which the other instances end their sockets of a user too. */
    static final String DISCONNECT_USER = "disconnect-user";

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of("/admin")
                .use(authentication.middleware(true))
                .onEventError((socket, event, kind, cause, ack) ->
                        Replies.refuse(socket, event, ack, "UnknownEvent", "Unknown admin event '" + event + "'"))
                .onConnection(this::connected);
        io.onServerSideEmit(DISCONNECT_USER, userId -> disconnectHere(Long.parseLong(userId)));
    }

    /** Ends this instance's sockets of the user, in every namespace; returns how many there were. */
    private int disconnectHere(long userId) {
        List<Socket> sockets = registry.sockets().stream()
                .filter(socket -> ChatAuthentication.belongsTo(socket, userId))
                .toList();
        sockets.forEach(Socket::disconnectAll);
        return sockets.size();
    }

    private void connected(Socket socket) {
        AccountView admin = ChatAuthentication.account(socket);
        socket.on("users", (args, ack) -> Replies.answerLater(socket, "users", ack, () -> connected.everywhere()
                .thenApply(everywhere -> Map.of("users", everywhere.users().stream().map(ConnectedUsers.Connected::toMap).toList(),
                        "instances", everywhere.instances()))));
        socket.on("disconnect-user", (args, ack) -> Replies.answer(socket, "disconnect-user", ack, () -> {
            Object value = args.isEmpty() ? null : args.get(0) instanceof Map<?, ?> m ? m.get("userId") : args.get(0);
            long userId = Payloads.id(value, "userId");
            int here = disconnectHere(userId);
            io.serverSideEmit(DISCONNECT_USER, () -> String.valueOf(userId)); // and on the other instances
            LOG.info(() -> "admin " + admin.username() + " disconnected user " + userId + " (" + here
                    + " sockets on this instance)");
            return Map.of("userId", userId, "sockets", here);
        }));
        socket.on("announce", (args, ack) -> Replies.answer(socket, "announce", ack, () -> {
            Object text = args.isEmpty() ? null : args.get(0) instanceof Map<?, ?> m ? m.get("text") : args.get(0);
            if (!(text instanceof String announcement)) {
                throw ChatException.invalid("Send { text }");
            }
            int count = 0;
            for (VisibleRoom room : rooms.visibleTo(admin.id())) {
                if (room.room().isDirect()) { // an announcement is for rooms, not for someone's conversation
                    continue;
                }
                Appended appended = messages.append(room.room().id(), admin.id(), "📢 " + announcement, null);
                posted.fire(new MessagePosted(appended.message()));
                count++;
            }
            return Map.of("rooms", count);
        }));
    }
}
