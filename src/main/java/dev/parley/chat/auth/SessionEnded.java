package dev.parley.chat.auth;

import java.util.Set;

/**
 * CDI event: a signed-in HTTP session is over, by logout or by expiry. The realtime layer observes it to
 * disconnect the sockets that were authenticated with that session: under {@code sessionId}, or under an id
 * the session had before a sign-in changed it ({@code earlierIds}).
 */
public record SessionEnded(String sessionId, long userId, Set<String> earlierIds) {

    /** Every id the session had: sockets remember the one it had when they connected. */
    public boolean had(Object id) {
        return id != null && (sessionId.equals(id) || earlierIds.contains(id)); // Set.of refuses contains(null)
    }
}
