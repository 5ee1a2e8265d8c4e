package dev.parley.realtime;

/** CDI event: a user's first socket connected ({@code online}), or their last one disconnected. */
public record PresenceChanged(String userId, boolean online) {
}
