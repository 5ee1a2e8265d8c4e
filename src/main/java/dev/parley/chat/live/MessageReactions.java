package dev.parley.chat.live;

import dev.parley.chat.FloodGate;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.message.Reactions;
import dev.parley.chat.message.ReactionsChanged;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Reactions to messages: {@code react} {@code { roomId, messageId, emoji, on? }} in ({@code on: false} takes one's
 * own back), acked with {@code { reactions }}; the room hears {@code message-reactions}
 * {@code { roomId, messageId, reactions }} with all of the message's reactions as they now are, however the
 * change was made (REST too), on every instance. Each change costs one message of the flood allowance, as it is
 * told to the whole room.
 */
@ApplicationScoped
public class MessageReactions {

    @Inject
    SocketServer io;

    @Inject
    Reactions reactions;

    @Inject
    FloodGate floodGate;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of("/").onConnection(this::connected);
    }

    /** Through the adapter, so the room's sockets on the other instances hear it too. */
    void changed(@Observes ReactionsChanged changed) {
        io.of("/").to(Rooms.chat(changed.roomId())).emit("message-reactions", Map.of(
                "roomId", changed.roomId(), "messageId", changed.messageId(), "reactions", changed.reactions()));
    }

    private void connected(Socket socket) {
        socket.on("react", (args, ack) -> Replies.answer(socket, "react", ack, () -> {
            Map<?, ?> payload = Payloads.object(args, "{ roomId, messageId, emoji, on? }");
            long roomId = ChatEvents.requireJoined(socket, Payloads.id(payload.get("roomId"), "roomId"));
            long messageId = Payloads.id(payload.get("messageId"), "messageId");
            boolean on = payload.get("on") == null || Payloads.flag(payload.get("on"), "on");
            Reactions.validEmoji(payload.get("emoji")); // refused input does not use up the allowance
            AccountView actor = ChatAuthentication.account(socket);
            floodGate.message(actor.id());
            return Map.of("reactions", reactions.react(roomId, messageId, actor.id(), payload.get("emoji"), on));
        }));
    }
}
