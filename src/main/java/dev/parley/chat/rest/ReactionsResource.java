package dev.parley.chat.rest;

import dev.parley.chat.FloodGate;
import dev.parley.chat.message.Reactions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Map;

/**
 * {@code PUT} and {@code DELETE /api/rooms/{id}/messages/{messageId}/reactions/{emoji}} (the emoji percent-encoded):
 * my reaction to a message, added or taken back; the answer is {@code { reactions }} as they now are, and the
 * room hears {@code message-reactions}. Each change costs one message of the flood allowance.
 */
@Path("rooms/{id}/messages/{messageId}/reactions/{emoji}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReactionsResource {

    @Inject
    Reactions reactions;

    @Inject
    FloodGate floodGate;

    @Context
    SecurityContext security;

    @PathParam("id")
    long roomId;

    @PathParam("messageId")
    long messageId;

    @PathParam("emoji")
    String emoji;

    @PUT
    public Map<String, Object> add() {
        return react(true);
    }

    @DELETE
    public Map<String, Object> takeBack() {
        return react(false);
    }

    private Map<String, Object> react(boolean on) {
        long me = Caller.of(security).id();
        Reactions.validEmoji(emoji); // refused input does not use up the allowance
        floodGate.message(me);
        return Map.of("reactions", reactions.react(roomId, messageId, me, emoji, on));
    }
}
