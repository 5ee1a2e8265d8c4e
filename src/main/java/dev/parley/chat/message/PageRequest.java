package dev.parley.chat.message;

import dev.parley.chat.ChatException;

/**
 * Which slice of a room's history to read.
 *
 * <ul>
 *   <li>neither bound: the newest {@code limit} messages;</li>
 *   <li>{@code before}: the newest {@code limit} messages older than that id (scrolling back);</li>
 *   <li>{@code after}: the oldest {@code limit} messages newer than that id, so a client that
 *       reconnects fetches exactly what it missed, page by page;</li>
 *   <li>both: the oldest {@code limit} messages between them.</li>
 * </ul>
 * Every page is returned oldest first. {@code changedOnly} keeps only messages edited, deleted or reacted to: a client that
 * reconnects asks it over the ids it holds, for the changes it missed while away.
 */
public record PageRequest(Long before, Long after, int limit, boolean changedOnly) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ChatException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && before < 1 || after != null && after < 0) {
            throw ChatException.invalid("before and after are message ids");
        }
    }

    public static PageRequest latest(int limit) {
        return new PageRequest(null, null, limit, false);
    }

    /** From query parameters, any of which may be missing. */
    public static PageRequest of(Long before, Long after, Integer limit) {
        return of(before, after, limit, false);
    }

    public static PageRequest of(Long before, Long after, Integer limit, boolean changedOnly) {
        return new PageRequest(before, after, limit == null ? DEFAULT_LIMIT : limit, changedOnly);
    }

    /** When only {@code before} or nothing bounds the page, the newest messages of the range are wanted. */
    boolean newestFirst() {
        return after == null;
    }
}
