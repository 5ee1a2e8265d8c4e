package dev.parley.chat.room;

/**
 * A room someone may see, with their place in it: whether they are a member and the id of the last
 * message they have read (null when none).
 */
public record VisibleRoom(RoomView room, boolean member, Long lastReadMessageId) {
}
