package dev.parley.chat.message;

/**
 * A message after an edit or a deletion, and whether it changed: the same text again, or a second deletion,
 * changes nothing and is not told to the room.
 */
public record Revision(MessageView message, boolean changed) {
}
