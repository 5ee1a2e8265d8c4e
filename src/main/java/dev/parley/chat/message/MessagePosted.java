package dev.parley.chat.message;

/**
 * CDI event: a message was stored through the REST API (not a socket) and is new; the realtime layer
 * observes it to broadcast the message to the room, as it does for messages sent over a socket.
 */
public record MessagePosted(MessageView message) {
}
