package dev.parley.chat.room;

/**
 * CDI event: a room has a new name (over REST), committed; {@code byId} renamed it and may read the room. The
 * pages that list it rename it without a reload.
 */
public record RoomRenamed(RoomView room, long byId) {
}
