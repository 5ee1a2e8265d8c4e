package dev.parley.chat.message;

import dev.parley.chat.ChatException;

import java.util.Locale;

/**
 * What to look for: messages whose text contains {@code query} (trimmed), in any case, newest first; in one room
 * when {@code roomId} is set; older than {@code before} for the next page.
 */
public record SearchRequest(String query, Long roomId, Long before, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_QUERY_LENGTH = 200;

    public SearchRequest {
        query = query == null ? "" : query.strip();
        if (query.isEmpty() || query.codePointCount(0, query.length()) > MAX_QUERY_LENGTH) {
            throw ChatException.invalid("q must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ChatException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        if (roomId != null && roomId < 1 || before != null && before < 1) {
            throw ChatException.invalid("roomId and before are ids");
        }
    }

    public static SearchRequest of(String query, Long roomId, Long before, Integer limit) {
        return new SearchRequest(query, roomId, before, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** The query as a LIKE pattern over lower-cased text, its wildcards taken literally ({@code !} escapes). */
    String pattern() {
        String literal = query.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + literal + "%";
    }
}
