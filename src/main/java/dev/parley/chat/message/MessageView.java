package dev.parley.chat.message;

import dev.parley.chat.account.UserRef;

import java.time.Instant;
import java.util.List;

/**
 * A stored message in the shape clients receive it, over REST and in the socket {@code message} event:
 * {@code { id, roomId, user: { id, name }, text, createdAt, clientMsgId, editedAt?, deletedAt?, replyTo?,
 * reactions? }}. {@code editedAt} and {@code deletedAt} are null, and left out of the JSON, until the message is
 * edited or deleted; a deleted one's text is empty. {@code replyTo} is the {@link Quote} of the message it
 * answers, if any. {@code reactions} comes with history only, when there are any (live, {@code message-reactions}
 * tells them).
 */
public record MessageView(long id, long roomId, UserRef user, String text, Instant createdAt, String clientMsgId,
                          Instant editedAt, Instant deletedAt, Quote replyTo, List<ReactionView> reactions) {

    /** A message as it is stored: never edited nor deleted yet. */
    public MessageView(long id, long roomId, UserRef user, String text, Instant createdAt, String clientMsgId) {
        this(id, roomId, user, text, createdAt, clientMsgId, null, null);
    }

    /** A message as it is stored, what it answers and its reactions not read. */
    public MessageView(long id, long roomId, UserRef user, String text, Instant createdAt, String clientMsgId,
                       Instant editedAt, Instant deletedAt) {
        this(id, roomId, user, text, createdAt, clientMsgId, editedAt, deletedAt, null, null);
    }

    /** For JPQL constructor expressions, which cannot build the nested user. */
    public MessageView(long id, long roomId, long userId, String userName, String text, Instant createdAt,
                       String clientMsgId, Instant editedAt, Instant deletedAt) {
        this(id, roomId, new UserRef(userId, userName), text, createdAt, clientMsgId, editedAt, deletedAt);
    }

    MessageView withReplyTo(Quote quote) {
        return new MessageView(id, roomId, user, text, createdAt, clientMsgId, editedAt, deletedAt, quote, reactions);
    }

    MessageView withReactions(List<ReactionView> reactions) {
        return new MessageView(id, roomId, user, text, createdAt, clientMsgId, editedAt, deletedAt, replyTo, reactions);
    }
}
