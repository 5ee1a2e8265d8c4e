package dev.parley.chat.message;

import java.util.List;

/** A slice of history, oldest first; {@code hasMore} says whether the same request can go further. */
public record MessagePage(List<MessageView> messages, boolean hasMore) {
}
