package dev.parley.chat.room;

/**
 * A room someone can now see, over REST: a public room was created (everyone: {@code forUser} is null), a
 * private one was created (its creator's other tabs) or a user was added to one. The pages add it to their
 * room list without a reload.
 */
public record RoomAppeared(RoomView room, Long forUser) {
}
