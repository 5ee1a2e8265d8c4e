package dev.parley.chat.message;

import java.time.Instant;

/**
 * A stored message in the shape clients receive it, over REST and in the socket {@code message} event:
 * {@code { id, roomId, user: { id, name }, text, createdAt, clientMsgId }}.
 */
public record MessageView(long id, long roomId, UserRef user, String text, Instant createdAt, String clientMsgId) {

    /** For JPQL constructor expressions, which cannot build the nested user. */
    public MessageView(long id, long roomId, long userId, String userName, String text, Instant createdAt,
                       String clientMsgId) {
        this(id, roomId, new UserRef(userId, userName), text, createdAt, clientMsgId);
    }
}
