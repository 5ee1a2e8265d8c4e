package dev.parley.chat.rest;

/**
 * One entry of {@code GET /api/rooms}: the room (as {@link dev.parley.chat.room.RoomView}), whether I am a member,
 * and how many messages I have not read.
 */
public record RoomSummary(long id, String name, String visibility, Long createdBy, boolean member, long unread) {
}
