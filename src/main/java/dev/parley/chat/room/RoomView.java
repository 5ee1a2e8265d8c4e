package dev.parley.chat.room;

/** A room as clients see it: {@code { id, name, visibility: "public" | "private" }}. */
public record RoomView(long id, String name, String visibility) {

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    static RoomView of(Room room) {
        return new RoomView(room.getId(), room.getName(), room.isPrivate() ? PRIVATE : PUBLIC);
    }

    public boolean isPrivate() {
        return PRIVATE.equals(visibility);
    }
}
