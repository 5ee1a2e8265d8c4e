package dev.parley.chat.auth;

/**
 * CDI event: a signed-in HTTP session is over, by logout or by expiry. The realtime layer observes it to
 * disconnect the sockets that were authenticated with that session.
 */
public record SessionEnded(String sessionId, long userId) {
}
