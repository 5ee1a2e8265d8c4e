package dev.parley.chat.live;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.FloodGate;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.message.MessagePosted;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.message.MessageView;
import dev.parley.chat.message.Quote;
import dev.parley.chat.room.MemberRemoved;
import dev.parley.chat.room.RoomAppeared;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.room.RoomRenamed;
import dev.parley.chat.room.RoomView;
import dev.parley.realtime.Ack;
import dev.parley.realtime.EventErrorHandler;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chat's event contract on the default namespace: {@code join-room}, {@code leave-room},
 * {@code message}, {@code typing}, {@code read} in; {@code message}, {@code user joined}/{@code user left},
 * {@code typing}, {@code error} out. Every client payload is checked before use.
 */
@ApplicationScoped
public class ChatEvents {

    private static final Logger LOG = Logger.getLogger(ChatEvents.class.getName());

    static final int HISTORY_ON_JOIN = 50;
    /** The server-side event by which the other instances learn of a stored message. */
    static final String MESSAGE_POSTED = "message-posted";
    /** The server-side event by which the other instances let go of a member removed from a room. */
    static final String MEMBER_REMOVED = "member-removed";
    /** The server-side event by which the other instances learn that a room gained a member. */
    static final String MEMBER_ADDED = "member-added";

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    ChatAuthentication authentication;

    @Inject
    RoomDirectory rooms;

    @Inject
    MessageStore messages;

    @Inject
    FloodGate floodGate;

    @Inject
    Typing typing;

    @Inject
    Notifications notifications;

    @Inject
    RoomMembers roomMembers;

    @Inject
    ClusterPresence cluster;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of("/")
                .use(authentication.middleware(false))
                .onEventError(ChatEvents::eventError)
                .onConnection(this::connected);
        // with several instances, each notifies its own users of what was posted on any of them
        io.onServerSideEmit(MESSAGE_POSTED, json -> notifications.messagePosted(fromJson(json)));
        io.onServerSideEmit(MEMBER_REMOVED, ids -> {
            String[] roomAndUser = ids.split(":");
            leaveHere(Long.parseLong(roomAndUser[0]), Long.parseLong(roomAndUser[1]));
        });
        io.onServerSideEmit(MEMBER_ADDED, roomId -> roomMembers.forget(Long.parseLong(roomId)));
    }

    /**
     * A member taken out of a private room stops hearing it at once: their sockets leave its Socket.IO room
     * here and on the other instances, and the room hears that they left.
     */
    void memberRemoved(@Observes MemberRemoved removed) {
        long roomId = removed.roomId();
        AccountView member = removed.member();
        leaveHere(roomId, member.id());
        io.serverSideEmit(MEMBER_REMOVED, () -> roomId + ":" + member.id());
        typing.stop(roomId, user(member));
        io.of("/").to(Rooms.chat(roomId)).emit("user left", Map.of("roomId", roomId, "user", user(member)));
        io.of("/").to(Rooms.user(member.id())).emit("room-removed", Map.of("roomId", roomId)); // their tabs
    }

    /**
     * Pages add a room they can now see to their list: everyone's for a public room, else one user's tabs. A
     * private room seen by one more user has one more member: every instance reads its members again, so the
     * new one's notifications start with the next message.
     */
    void roomAppeared(@Observes RoomAppeared appeared) {
        RoomView room = appeared.room();
        Map<String, Object> added = Map.of("room", room);
        if (appeared.forUser() == null) {
            io.of("/").emit("room-added", added);
        } else {
            roomMembers.forget(room.id());
            io.serverSideEmit(MEMBER_ADDED, () -> String.valueOf(room.id()));
            io.of("/").to(Rooms.user(appeared.forUser())).emit("room-added", added);
        }
    }

    /** Pages rename a room in their list: every page for a public room, its members' for a private one. */
    void roomRenamed(@Observes RoomRenamed renamed) {
        RoomView room = renamed.room();
        Map<String, Object> updated = Map.of("room", room);
        if (!room.isPrivate()) {
            io.of("/").emit("room-updated", updated);
            return;
        }
        // from the database: a rename is rare, and what it reaches must not depend on a kept list being fresh
        String[] members = rooms.members(room.id(), renamed.byId()).stream()
                .map(member -> Rooms.user(member.id())).toArray(String[]::new);
        io.of("/").to(members).emit("room-updated", updated);
    }

    private void leaveHere(long roomId, long userId) {
        String room = Rooms.chat(roomId);
        for (Socket socket : registry.socketsOf(String.valueOf(userId))) {
            socket.leave(room);
        }
        roomMembers.left(roomId, userId);
    }

    private void connected(Socket socket) {
        long userId = ChatAuthentication.account(socket).id();
        // read at each event, not kept: a rename replaces the socket's copy of the account
        Supplier<AccountView> account = () -> ChatAuthentication.account(socket);
        socket.join(Rooms.user(userId));
        registry.bindUser(socket, String.valueOf(userId));
        socket.on("join-room", (args, ack) -> Replies.answer(socket, "join-room", ack,
                () -> join(socket, account.get(), roomId(args))));
        socket.on("leave-room", (args, ack) -> Replies.answer(socket, "leave-room", ack,
                () -> leave(socket, account.get(), roomId(args))));
        socket.on("message", (args, ack) -> Replies.answerLater(socket, "message", ack,
                () -> post(socket, account.get(), Payloads.object(args, "{ roomId, text, clientMsgId?, replyTo? }"))));
        socket.on("typing", (args, ack) -> Replies.answer(socket, "typing", ack, () -> {
            Map<?, ?> payload = Payloads.object(args, "{ roomId, isTyping }");
            long roomId = requireJoined(socket, Payloads.id(payload.get("roomId"), "roomId"));
            typing.update(roomId, user(account.get()), Payloads.flag(payload.get("isTyping"), "isTyping"));
            return Map.of();
        }));
        socket.on("read", (args, ack) -> Replies.answer(socket, "read", ack, () -> {
            Map<?, ?> payload = Payloads.object(args, "{ roomId, messageId }");
            long roomId = Payloads.id(payload.get("roomId"), "roomId");
            long mark = messages.markRead(roomId, userId, Payloads.id(payload.get("messageId"), "messageId"));
            // the user's other tabs clear their badge too
            io.of("/").to(Rooms.user(userId)).emit("read", Map.of("roomId", roomId, "messageId", mark));
            return Map.of("roomId", roomId, "messageId", mark);
        }));
        // the rooms as they were before the socket left them; "user left" once it has (another tab may stay)
        AtomicReference<Set<String>> leaving = new AtomicReference<>(Set.of());
        socket.onDisconnecting(reason -> leaving.set(Set.copyOf(socket.rooms())));
        socket.onDisconnect(reason -> {
            for (String room : leaving.get()) {
                if (room.startsWith("room:")) {
                    long roomId = Long.parseLong(room.substring(5));
                    typing.stop(roomId, user(account.get()));
                    announceLeft(socket, account.get(), roomId);
                }
            }
        });
    }

    private Map<String, Object> join(Socket socket, AccountView account, long roomId) {
        RoomDirectory.Joined joined = rooms.join(roomId, account.id());
        if (joined.newMember()) { // the other instances' kept member lists learn of it now, not when they next load
            io.serverSideEmit(MEMBER_ADDED, () -> String.valueOf(roomId));
        }
        RoomView room = joined.room();
        List<MessageView> history = messages.recent(roomId, account.id(), HISTORY_ON_JOIN);
        boolean firstTab = !userInRoom(account.id(), roomId);
        socket.join(Rooms.chat(roomId));
        if (firstTab && socket.connected()) { // a socket that closed meanwhile joined nothing
            socket.to(Rooms.chat(roomId)).emit("user joined", Map.of("roomId", roomId, "user", user(account)));
        }
        roomMembers.joined(roomId, account);
        List<Map<String, Object>> members = roomMembers.of(roomId, account.id()).stream()
                .map(this::member)
                .toList();
        return Map.of("room", room, "members", members, "history", history);
    }

    /** A member as the join ack lists them: with when they were last seen, if offline and ever seen. */
    private Map<String, Object> member(AccountView member) {
        boolean online = cluster.isOnline(String.valueOf(member.id()));
        Instant lastSeen = online ? null : roomMembers.lastSeen(member.id());
        return lastSeen == null
                ? Map.of("id", member.id(), "name", member.displayName(), "online", online)
                : Map.of("id", member.id(), "name", member.displayName(), "online", false, "lastSeenAt", lastSeen);
    }

    private Map<String, Object> leave(Socket socket, AccountView account, long roomId) {
        if (socket.rooms().contains(Rooms.chat(roomId))) {
            socket.leave(Rooms.chat(roomId));
            typing.stop(roomId, user(account));
            announceLeft(socket, account, roomId);
        }
        return Map.of("roomId", roomId);
    }

    private void announceLeft(Socket socket, AccountView account, long roomId) {
        if (!userInRoom(account.id(), roomId)) {
            io.of("/").to(Rooms.chat(roomId)).except(socket.id())
                    .emit("user left", Map.of("roomId", roomId, "user", user(account)));
        }
    }

    /**
     * Checks, then hands the message to the group-commit writer; the broadcast and the ack follow its
     * commit, so this socket's thread is free for the next message meanwhile.
     */
    private CompletionStage<Map<String, Object>> post(Socket socket, AccountView account, Map<?, ?> payload) {
        long roomId = requireJoined(socket, Payloads.id(payload.get("roomId"), "roomId"));
        String text = messages.validText(payload.get("text")); // refused input does not use up the allowance
        String clientMsgId = clientMsgId(payload);
        Long replyTo = payload.get("replyTo") == null ? null : Payloads.id(payload.get("replyTo"), "replyTo");
        floodGate.message(account.id());
        return messages.appendAsync(roomId, account.id(), text, clientMsgId, replyTo).thenApply(appended -> {
            MessageView message = appended.message();
            if (!appended.duplicate()) {
                afterCommit(message, "typing stop", () -> typing.stop(roomId, user(account)));
                deliver(message);
            }
            return Map.of("id", message.id(), "createdAt", message.createdAt(), "duplicate", appended.duplicate());
        });
    }

    /** Messages posted over REST reach the room like socket ones. */
    void restPosted(@Observes MessagePosted posted) {
        deliver(posted.message());
    }

    /**
     * After the commit: the message is stored whatever happens here, so a failure in one step is logged and
     * must neither skip the others nor turn the sender's ack (or REST answer) into an error.
     */
    private void deliver(MessageView message) {
        afterCommit(message, "broadcast", () -> io.of("/").to(Rooms.chat(message.roomId())).emit("message", message));
        afterCommit(message, "notifications", () -> notifications.messagePosted(message));
        afterCommit(message, "other instances", () -> io.serverSideEmit(MESSAGE_POSTED, () -> toJson(message)));
    }

    private static void afterCommit(MessageView message, String step, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "message " + message.id() + " is stored, but its " + step + " failed", e);
        }
    }

    static String toJson(MessageView message) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", message.id()).add("roomId", message.roomId())
                .add("userId", message.user().id()).add("userName", message.user().name())
                .add("text", message.text()).add("createdAt", message.createdAt().toString());
        if (message.clientMsgId() != null) {
            json.add("clientMsgId", message.clientMsgId());
        }
        Quote quote = message.replyTo();
        if (quote != null) { // its author is told of the reply on every instance
            json.add("replyTo", Json.createObjectBuilder().add("id", quote.id()).add("userId", quote.user().id())
                    .add("userName", quote.user().name()).add("text", quote.text()));
        }
        return json.build().toString();
    }

    static MessageView fromJson(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            UserRef author = new UserRef(json.getJsonNumber("userId").longValue(), json.getString("userName"));
            JsonObject replyTo = json.getJsonObject("replyTo");
            Quote quote = replyTo == null ? null : new Quote(replyTo.getJsonNumber("id").longValue(),
                    new UserRef(replyTo.getJsonNumber("userId").longValue(), replyTo.getString("userName")),
                    replyTo.getString("text"), null);
            return new MessageView(json.getJsonNumber("id").longValue(), json.getJsonNumber("roomId").longValue(),
                    author, json.getString("text"), Instant.parse(json.getString("createdAt")),
                    json.getString("clientMsgId", null), null, null, quote, null);
        }
    }

    static long requireJoined(Socket socket, long roomId) {
        if (!socket.inRoom(Rooms.chat(roomId))) {
            throw ChatException.forbidden("Join room " + roomId + " first");
        }
        return roomId;
    }

    private boolean userInRoom(long userId, long roomId) {
        String room = Rooms.chat(roomId);
        return registry.anySocketOf(String.valueOf(userId), s -> s.inRoom(room));
    }

    private static long roomId(List<Object> args) {
        if (args.isEmpty()) {
            throw ChatException.invalid("Send the room id");
        }
        Object value = args.get(0) instanceof Map<?, ?> map ? map.get("roomId") : args.get(0);
        return Payloads.id(value, "roomId");
    }

    private static String clientMsgId(Map<?, ?> payload) {
        Object id = payload.get("clientMsgId");
        if (id != null && !(id instanceof String)) {
            throw ChatException.invalid("clientMsgId must be a string");
        }
        return (String) id;
    }

    static UserRef user(AccountView account) {
        return new UserRef(account.id(), account.displayName());
    }

    private static void eventError(Socket socket, String event, EventErrorHandler.Kind kind, Exception cause, Ack ack) {
        String error = switch (kind) {
            case UNKNOWN_EVENT -> "UnknownEvent";
            case INVALID_PAYLOAD -> "Invalid";
            case HANDLER_FAILED -> "Internal";
            case RATE_LIMITED -> ChatError.RATE_LIMITED.code();
        };
        Replies.refuse(socket, event, ack, error, switch (kind) {
            case UNKNOWN_EVENT -> "Unknown event '" + event + "'";
            case INVALID_PAYLOAD -> "Invalid payload for '" + event + "'";
            case HANDLER_FAILED -> "The server could not handle '" + event + "'";
            case RATE_LIMITED -> "Too many packets; slow down ('" + event + "' was dropped)";
        });
    }

}
