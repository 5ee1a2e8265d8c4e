package dev.parley.chat.rest;

import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.RoomView;

import java.util.List;

/**
 * One entry of {@code GET /api/rooms}: the room (as {@link RoomView}, flat), whether I am a member, and how many
 * messages I have not read.
 */
public record RoomSummary(long id, String name, String visibility, Long createdBy, List<UserRef> people,
                          boolean member, long unread) {

    static RoomSummary of(RoomView room, boolean member, long unread) {
        return new RoomSummary(room.id(), room.name(), room.visibility(), room.createdBy(), room.people(), member,
                unread);
    }
}
