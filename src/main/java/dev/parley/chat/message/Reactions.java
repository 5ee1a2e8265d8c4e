package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import dev.parley.chat.account.Account;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reactions to messages: anyone who may read a room adds an emoji to one of its messages, or takes theirs
 * back; a message has at most {@value #MAX_KINDS} different ones. Every change is told to the room with the
 * message's reactions as they now are, so a client just shows the last it heard.
 */
@ApplicationScoped
public class Reactions {

    private static final Logger LOG = Logger.getLogger(Reactions.class.getName());

    static final int MAX_KINDS = 20;

    private Database database;
    private Event<ReactionsChanged> changed;
    /**
     * By message: this instance's changes of one message are committed and told one at a time, so the room
     * hears its reactions in commit order and the last it hears is the truth.
     */
    private final Object[] telling = Stream.generate(Object::new).limit(64).toArray();

    protected Reactions() {
        // for CDI proxies
    }

    @Inject
    public Reactions(Database database, Event<ReactionsChanged> changed) {
        this.database = database;
        this.changed = changed;
    }

    /** The emoji a reaction may be, or Invalid: checked before anything is used up. */
    public static String validEmoji(Object emoji) {
        return Emoji.valid(emoji);
    }

    private record Outcome(List<ReactionView> reactions, boolean changed) {
    }

    /**
     * Adds ({@code on}) or takes back the account's emoji on a message; adding it twice, or taking back one not
     * there, changes nothing and is told to no one.
     *
     * @return the message's reactions after the change
     * @throws ChatException Invalid emoji, or one kind too many; Forbidden / NotFound for a room the account may
     *                       not read or does not exist; NotFound for a message not in that room, or deleted
     */
    public List<ReactionView> react(long roomId, long messageId, long accountId, Object emoji, boolean on) {
        String valid = Emoji.valid(emoji);
        synchronized (telling[Math.floorMod(Long.hashCode(messageId), telling.length)]) {
            // once more: the same reaction from two instances at once meets at the unique key
            Outcome outcome = database.inTransactionOrOnceMore(em -> {
                RoomDirectory.requireAccess(em, roomId, accountId);
                // locked: a reaction racing the message's deletion must not outlive it
                Message message = em.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
                if (message == null || message.getRoom().getId() != roomId || message.isDeleted()) {
                    throw ChatException.notFound("No such message in this room");
                }
                List<Reaction> mine = em.createQuery("SELECT r FROM Reaction r WHERE r.messageId = :message"
                                + " AND r.account.id = :account AND r.emoji = :emoji", Reaction.class)
                        .setParameter("message", messageId)
                        .setParameter("account", accountId)
                        .setParameter("emoji", valid)
                        .getResultList();
                boolean changes = on == mine.isEmpty();
                if (changes && on) {
                    List<ReactionView> now = of(em, List.of(messageId)).getOrDefault(messageId, List.of());
                    if (now.size() >= MAX_KINDS && now.stream().noneMatch(r -> r.emoji().equals(valid))) {
                        throw ChatException.invalid("A message has at most " + MAX_KINDS + " different reactions");
                    }
                    em.persist(new Reaction(messageId, em.getReference(Account.class, accountId), valid,
                            Database.now()));
                } else if (changes) {
                    mine.forEach(em::remove);
                }
                if (changes) {
                    message.reacted(Database.now());
                }
                em.flush();
                return new Outcome(of(em, List.of(messageId)).getOrDefault(messageId, List.of()), changes);
            });
            if (outcome.changed()) {
                try {
                    changed.fire(new ReactionsChanged(roomId, messageId, outcome.reactions()));
                } catch (RuntimeException e) {
                    // committed whatever happens here: the caller's answer must say so
                    LOG.log(Level.WARNING, "message " + messageId + "'s reactions are stored, but telling the room failed", e);
                }
            }
            return outcome.reactions();
        }
    }

    /** The reactions of these messages, by message id (none for a message without any): for a page of history. */
    static Map<Long, List<ReactionView>> of(EntityManager em, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        // in the order they were made: an emoji's place is its first use, its users in the order they came
        List<Object[]> rows = em.createQuery("SELECT r.messageId, r.emoji, a.id, a.displayName FROM Reaction r"
                        + " JOIN r.account a WHERE r.messageId IN :ids ORDER BY r.id", Object[].class)
                .setParameter("ids", messageIds)
                .getResultList();
        Map<Long, Map<String, List<UserRef>>> byMessage = new HashMap<>();
        for (Object[] row : rows) {
            byMessage.computeIfAbsent((Long) row[0], id -> new LinkedHashMap<>())
                    .computeIfAbsent((String) row[1], emoji -> new ArrayList<>())
                    .add(new UserRef((Long) row[2], (String) row[3]));
        }
        Map<Long, List<ReactionView>> views = new HashMap<>();
        byMessage.forEach((id, emojis) -> views.put(id, emojis.entrySet().stream()
                .map(e -> new ReactionView(e.getKey(), List.copyOf(e.getValue()))).toList()));
        return views;
    }

    /** Deletes a message's reactions, in the unit of work that deletes the message. */
    static void deleteAll(EntityManager em, long messageId) {
        em.createQuery("DELETE FROM Reaction r WHERE r.messageId = :message")
                .setParameter("message", messageId)
                .executeUpdate();
    }
}
