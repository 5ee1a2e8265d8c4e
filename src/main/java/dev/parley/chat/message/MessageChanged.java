package dev.parley.chat.message;

/**
 * CDI event: a stored message was edited or deleted (over a socket or REST), after the commit; the realtime
 * layer tells the room. A deleted one's view has {@code deletedAt} and no text.
 */
public record MessageChanged(MessageView message) {
}
