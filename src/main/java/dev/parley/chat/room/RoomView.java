package dev.parley.chat.room;

/**
 * A room as clients see it: {@code { id, name, visibility: "public" | "private", createdBy? }}; {@code createdBy}
 * (the creator's user id, who may rename it) is left out for rooms the server made itself.
 */
public record RoomView(long id, String name, String visibility, Long createdBy) {

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    static RoomView of(Room room) {
        return new RoomView(room.getId(), room.getName(), room.isPrivate() ? PRIVATE : PUBLIC, room.getCreatedById());
    }

    public boolean isPrivate() {
        return PRIVATE.equals(visibility);
    }
}
