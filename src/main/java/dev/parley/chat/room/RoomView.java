package dev.parley.chat.room;

import dev.parley.chat.account.UserRef;

import java.util.List;

/**
 * A room as clients see it: {@code { id, name, visibility: "public" | "private", createdBy? }}; {@code createdBy}
 * (the creator's user id, who may rename it) is left out for rooms the server made itself. A direct
 * conversation is {@code { id, visibility: "direct", createdBy, people: [{ id, name }, { id, name }] }}: no name,
 * its two people instead (clients show the other one).
 */
public record RoomView(long id, String name, String visibility, Long createdBy, List<UserRef> people) {

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";
    public static final String DIRECT = "direct";

    static RoomView of(Room room) {
        if (room.isDirect()) {
            List<UserRef> people = room.getPeople().stream()
                    .map(person -> new UserRef(person.getId(), person.getDisplayName())).toList();
            return new RoomView(room.getId(), null, DIRECT, room.getCreatedById(), people);
        }
        return new RoomView(room.getId(), room.getName(), room.isPrivate() ? PRIVATE : PUBLIC, room.getCreatedById(),
                null);
    }

    /** Open to its members only: a private room or a direct conversation. */
    public boolean isPrivate() {
        return !PUBLIC.equals(visibility);
    }

    public boolean isDirect() {
        return DIRECT.equals(visibility);
    }
}
