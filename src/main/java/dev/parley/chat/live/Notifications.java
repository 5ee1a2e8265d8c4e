package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.message.MessageView;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code notification} events to a user's own room ({@code user:<id>}, all their tabs): a new message in
 * a room of theirs that none of their tabs is viewing, and any @mention of them. Only online users are
 * told; the others see unread counts when they come back.
 */
@ApplicationScoped
public class Notifications {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_.-]{1,64})");

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    RoomMembers members;

    public void messagePosted(MessageView message) {
        Set<String> mentioned = mentions(message.text());
        String room = Rooms.chat(message.roomId());
        for (AccountView member : members.of(message.roomId(), message.user().id())) {
            String userId = String.valueOf(member.id());
            if (member.id() == message.user().id() || !registry.isOnline(userId)) {
                continue;
            }
            boolean mention = !mentioned.isEmpty() && mentioned.contains(member.username().toLowerCase(Locale.ROOT));
            if (mention || !registry.anySocketOf(userId, socket -> socket.inRoom(room))) {
                io.of("/").to(Rooms.user(member.id())).emit("notification", Map.of(
                        "type", mention ? "mention" : "message",
                        "roomId", message.roomId(),
                        "message", message));
            }
        }
    }

    static Set<String> mentions(String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
