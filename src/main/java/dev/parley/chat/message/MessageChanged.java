package dev.parley.chat.message;

/**
 * CDI event: a stored message was edited or deleted (over a socket or REST), after the commit; the realtime
 * layer tells the room. A deleted one's view has {@code deletedAt} and no text. {@code byId} made the change
 * (its author, or an administrator deleting it), and may read the room.
 */
public record MessageChanged(MessageView message, long byId) {
}
