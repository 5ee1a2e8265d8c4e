package dev.parley.chat.message;

import java.util.List;

/**
 * A slice of messages in its request's order (history: oldest first; search: newest first); {@code hasMore} says
 * whether the same request can go further.
 */
public record MessagePage(List<MessageView> messages, boolean hasMore) {
}
