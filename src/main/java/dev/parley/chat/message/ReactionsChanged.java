package dev.parley.chat.message;

import java.util.List;

/** CDI event: a message's reactions changed (over a socket or REST), after the commit; the room is told. */
public record ReactionsChanged(long roomId, long messageId, List<ReactionView> reactions) {
}
