package dev.parley.chat.live;

import dev.parley.chat.FloodGate;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.message.MessageChanged;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.message.MessageView;
import dev.parley.chat.message.Revision;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.stream.Stream;

/**
 * Edits and deletions of stored messages: {@code edit-message} {@code { roomId, messageId, text }} and
 * {@code delete-message} {@code { roomId, messageId }} in, each acked with the message as it now is; the room
 * hears {@code message-updated} or {@code message-deleted} with it, however the change was made (REST too),
 * on every instance, and a deletion reaches its members' other tabs too (their unread counts). Each costs one message of the flood allowance, as it is told to the whole room.
 */
@ApplicationScoped
public class MessageChanges {

    @Inject
    SocketServer io;

    @Inject
    MessageStore messages;

    @Inject
    FloodGate floodGate;

    @Inject
    RoomDirectory rooms;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of("/").onConnection(this::connected);
    }

    /**
     * Through the adapter, so the room's sockets on the other instances hear it too. A deletion also goes to its
     * members' tabs that are not in the room: they may have counted it unread from its notification. Its members
     * are read from the database: a deletion is rare, and what it reaches must not depend on a kept list being fresh.
     */
    void changed(@Observes MessageChanged changed) {
        MessageView message = changed.message();
        if (message.deletedAt() == null) {
            io.of("/").to(Rooms.chat(message.roomId())).emit("message-updated", message);
            return;
        }
        String[] audience = Stream.concat(Stream.of(Rooms.chat(message.roomId())),
                        rooms.members(message.roomId(), changed.byId()).stream().map(m -> Rooms.user(m.id())))
                .toArray(String[]::new);
        io.of("/").to(audience).emit("message-deleted", message);
    }

    private void connected(Socket socket) {
        socket.on("edit-message", (args, ack) -> Replies.answer(socket, "edit-message", ack, () -> {
            Map<?, ?> payload = Payloads.object(args, "{ roomId, messageId, text }");
            long roomId = ChatEvents.requireJoined(socket, Payloads.id(payload.get("roomId"), "roomId"));
            long messageId = Payloads.id(payload.get("messageId"), "messageId");
            messages.validText(payload.get("text")); // refused input does not use up the allowance
            AccountView editor = ChatAuthentication.account(socket);
            floodGate.message(editor.id());
            return answer(messages.edit(roomId, messageId, editor.id(), payload.get("text")));
        }));
        socket.on("delete-message", (args, ack) -> Replies.answer(socket, "delete-message", ack, () -> {
            Map<?, ?> payload = Payloads.object(args, "{ roomId, messageId }");
            long roomId = ChatEvents.requireJoined(socket, Payloads.id(payload.get("roomId"), "roomId"));
            long messageId = Payloads.id(payload.get("messageId"), "messageId");
            AccountView actor = ChatAuthentication.account(socket);
            floodGate.message(actor.id());
            return answer(messages.delete(roomId, messageId, actor.id(), actor.admin()));
        }));
    }

    private static Map<String, Object> answer(Revision revision) {
        return Map.of("message", revision.message());
    }
}
