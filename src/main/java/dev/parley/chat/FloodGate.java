package dev.parley.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Per-user flood control of what users make, whichever way they come in (all their tabs and the REST API
 * share it, so a script cannot go around it): {@code parley.chat.rate-limit} messages a second, and
 * {@code parley.chat.rooms-per-hour} new rooms, each number also the burst.
 */
@ApplicationScoped
public class FloodGate {

    private Allowance messages;
    private Allowance rooms;
    private Duration roomInterval;

    protected FloodGate() {
        // for the CDI proxy
    }

    @Inject
    public FloodGate(@ConfigProperty(name = "parley.chat.rate-limit", defaultValue = "10") int messagesPerSecond,
                     @ConfigProperty(name = "parley.chat.rooms-per-hour", defaultValue = "60") int roomsPerHour) {
        this.messages = new Allowance(messagesPerSecond, Duration.ofSeconds(1));
        this.rooms = new Allowance(roomsPerHour, Duration.ofHours(1));
        this.roomInterval = Duration.ofHours(1).dividedBy(Math.max(1, roomsPerHour));
    }

    /** Takes one message from the user's allowance, or refuses it: none left this second. */
    public void message(long userId) {
        if (!messages.take(userId)) {
            throw ChatException.rateLimited("Too many messages; slow down", Duration.ofSeconds(1));
        }
    }

    /** Takes one new room from the user's allowance, or refuses it until the allowance has refilled by one. */
    public void room(long userId) {
        if (!rooms.take(userId)) {
            throw ChatException.rateLimited("Too many new rooms; try again later", roomInterval);
        }
    }
}
