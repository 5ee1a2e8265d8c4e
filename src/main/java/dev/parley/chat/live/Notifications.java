package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.message.MessageView;
import dev.parley.realtime.Broadcast;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code notification} events to a user's own room ({@code user:<id>}): a new message in a room of theirs to
 * each of their tabs not viewing it (a tab viewing it has the message itself; the others count it unread), and
 * to all their tabs any @mention of them ({@link Mentions}, type {@code mention}) and any reply to a message of
 * theirs (type {@code reply}). Only online users are told; the others see unread counts when they come back.
 */
@ApplicationScoped
public class Notifications {

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    RoomMembers members;

    private final Map<Long, Away> awayByRoom = new ConcurrentHashMap<>();

    /** A room's away members, with what they were worked out from: the members' collection and size, versions. */
    private record Away(Collection<AccountView> members, int size, long sockets, long rooms, List<AccountView> away) {
    }

    public void messagePosted(MessageView message) {
        Mentions mentioned = Mentions.in(message.text());
        long author = message.user().id();
        // a reply is addressed to the author of what it answers, as a mention is to whoever it names
        Long answered = message.replyTo() == null ? null : message.replyTo().user().id();
        Collection<AccountView> all = members.of(message.roomId(), author);
        if (mentioned != null || answered != null) { // rare enough to go member by member
            String room = Rooms.chat(message.roomId());
            for (AccountView member : all) {
                if (member.id() == author) {
                    continue;
                }
                String personal = mentioned != null && mentioned.of(member) ? "mention"
                        : answered != null && answered == member.id() ? "reply" : null;
                if (personal != null) {
                    if (registry.isOnline(String.valueOf(member.id()))) {
                        notify(member, personal, message);
                    }
                } else if (away(member, room)) {
                    notify(member, "message", message);
                }
            }
            return;
        }
        for (AccountView member : away(message.roomId(), all)) {
            if (member.id() != author) {
                notify(member, "message", message);
            }
        }
    }

    private void notify(AccountView member, String type, MessageView message) {
        // this instance's tabs only: every instance notifies its own (ChatEvents.MESSAGE_POSTED)
        Broadcast tabs = io.of("/").local().to(Rooms.user(member.id()));
        if ("message".equals(type)) { // the personal ones reach every tab
            tabs = tabs.except(Rooms.chat(message.roomId()));
        }
        tabs.emit("notification", Map.of(
                "type", type,
                "roomId", message.roomId(),
                "message", message));
    }

    /**
     * The room's online members with a tab not on it. Worked out per member this is most of a message's own cost
     * in a big room, yet it only changes when sockets, rooms or members do, so it is kept until one of them
     * has (the numbers are read before the members are looked at, so a change during the work is not missed).
     */
    private List<AccountView> away(long roomId, Collection<AccountView> all) {
        long sockets = registry.version();
        long rooms = io.of("/").adapter().version();
        Away known = awayByRoom.get(roomId);
        if (known != null && known.members == all && known.size == all.size()
                && known.sockets == sockets && known.rooms == rooms && rooms >= 0) {
            return known.away();
        }
        List<AccountView> away = new ArrayList<>();
        String room = Rooms.chat(roomId);
        for (AccountView member : all) {
            if (away(member, room)) {
                away.add(member);
            }
        }
        awayByRoom.put(roomId, new Away(all, all.size(), sockets, rooms, List.copyOf(away)));
        return away;
    }

    private boolean away(AccountView member, String room) {
        String userId = String.valueOf(member.id());
        return registry.anySocketOf(userId, socket -> !socket.inRoom(room));
    }
}
