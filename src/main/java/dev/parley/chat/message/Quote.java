package dev.parley.chat.message;

import dev.parley.chat.account.UserRef;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message a reply answers, as the reply shows it: {@code { id, user: { id, name }, text, deletedAt? }}, its
 * text cut to {@value #MAX_LENGTH} characters (code points). History shows it as it now is (edited, or deleted:
 * no text); the live {@code message} event as it was when the reply was sent.
 */
public record Quote(long id, UserRef user, String text, Instant deletedAt) {

    static final int MAX_LENGTH = 200;

    static Quote of(long id, UserRef user, String text, Instant deletedAt) {
        return new Quote(id, user, cut(text), deletedAt);
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
    }

    /** The quotes of the replies among these messages, by the reply's id: for a page of history. */
    static Map<Long, Quote> ofReplies(EntityManager em, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createQuery("SELECT m.id, p.id, a.id, a.displayName, p.text, p.deletedAt"
                        + " FROM Message m, Message p JOIN p.author a WHERE m.id IN :ids AND p.id = m.replyToId",
                        Object[].class)
                .setParameter("ids", messageIds)
                .getResultList();
        Map<Long, Quote> quotes = new HashMap<>();
        for (Object[] row : rows) {
            quotes.put((Long) row[0], of((Long) row[1], new UserRef((Long) row[2], (String) row[3]), (String) row[4],
                    (Instant) row[5]));
        }
        return quotes;
    }
}
