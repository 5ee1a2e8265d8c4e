package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import dev.parley.chat.room.Membership;
import dev.parley.chat.room.Room;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.room.VisibleRoom;
import dev.parley.chat.storage.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores messages and reads history. {@link #append} returns only once the message is committed, so a
 * caller may acknowledge it to the sender and broadcast it straight after.
 */
@ApplicationScoped
public class MessageStore {

    private static final Logger LOG = Logger.getLogger(MessageStore.class.getName());

    /** A message as clients see it, its author's name joined: what history and search select. */
    static final String VIEW = "SELECT NEW dev.parley.chat.message.MessageView("
            + "m.id, m.roomId, a.id, a.displayName, m.text, m.createdAt, m.clientMsgId, m.editedAt, m.deletedAt) "
            + "FROM Message m JOIN m.author a ";

    /**
     * ms: at 500 messages a second about ten messages share a commit that costs little more than one, and
     * their broadcasts leave together, so a member's frames from one group share writes. Measured at that
     * load (10 rooms x 50, one core): 14.6-16.7 µs of CPU per delivery with 5 ms, 9.9-12.0 with 20, no
     * better with 30; the ack's median from 4.5 to 13 ms.
     */
    static final int IN_PROCESS_COMMIT_WINDOW = 20;

    private Database database;
    private Event<MessageChanged> changed;
    private MessageText rules;
    /** Every new message is written by this one writer, in commit order (within one Parley instance). */
    private MessageWriter writer;

    protected MessageStore() {
        // for CDI proxies
    }

    /**
     * @param deliveryLanes threads that run what follows a commit (broadcast, ack), a room always on the same
     *                      one; 0 runs it on the writer thread, below 0 picks one per core but one
     * @param commitWindow  ms from the start of one group commit to the next at the least; below 0: the
     *                      default, {@value #IN_PROCESS_COMMIT_WINDOW} where commits are this process's own
     *                      work (an H2 file), none on a database server
     */
    @Inject
    public MessageStore(Database database, Event<MessageChanged> changed,
                        @ConfigProperty(name = "parley.chat.max-message-length", defaultValue = "4000") int maxLength,
                        @ConfigProperty(name = "parley.chat.delivery-lanes", defaultValue = "-1") int deliveryLanes,
                        @ConfigProperty(name = "parley.chat.commit-window", defaultValue = "-1") int commitWindow) {
        this.database = database;
        this.changed = changed;
        this.rules = new MessageText(maxLength);
        int window = commitWindow >= 0 ? commitWindow
                : database.settings().commitsInProcess() ? IN_PROCESS_COMMIT_WINDOW : 0;
        this.writer = new MessageWriter(database, deliveryLanes, Duration.ofMillis(window),
                !database.settings().commitsInProcess());
    }

    /**
     * Validates and stores a message, returning once it is committed. A second call with the same author
     * and clientMsgId stores nothing and returns the first copy, marked {@link Appended#duplicate()}.
     *
     * @throws ChatException Invalid text or clientMsgId; NotFound when the room does not exist or is
     *                       private and the author is not a member
     */
    public Appended append(long roomId, long authorId, String text, String clientMsgId) {
        return append(roomId, authorId, text, clientMsgId, null);
    }

    /** As {@link #append(long, long, String, String)}, answering message {@code replyTo} (see appendAsync). */
    public Appended append(long roomId, long authorId, String text, String clientMsgId, Long replyTo) {
        try {
            return appendAsync(roomId, authorId, text, clientMsgId, replyTo).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * As {@link #append}, without waiting: the future completes after the commit of the group of messages
     * this one was written with (see {@link MessageWriter}). Invalid input fails at once.
     */
    public CompletableFuture<Appended> appendAsync(long roomId, long authorId, String text, String clientMsgId) {
        return appendAsync(roomId, authorId, text, clientMsgId, null);
    }

    /**
     * As {@link #appendAsync(long, long, String, String)}, answering message {@code replyTo} of the same room
     * (null: none), which must be there and not deleted (else NotFound, at once).
     */
    public CompletableFuture<Appended> appendAsync(long roomId, long authorId, String text, String clientMsgId,
                                                   Long replyTo) {
        String body = rules.validText(text);
        String clientId = MessageText.validClientMsgId(clientMsgId);
        Quote quote = replyTo == null ? null : quote(roomId, replyTo, authorId);
        return writer.submit(roomId, authorId, body, clientId, quote);
    }

    /** What a reply shows of the message it answers, read before the reply is written (off the writer thread). */
    private Quote quote(long roomId, long messageId, long readerId) {
        return database.inTransaction(em -> {
            RoomDirectory.requireAccess(em, roomId, readerId);
            Message message = em.find(Message.class, messageId);
            if (message == null || message.getRoom().getId() != roomId || message.isDeleted()) {
                throw ChatException.notFound("The message replied to is not in this room");
            }
            return message.quote();
        });
    }

    /**
     * Replaces the text of one of the editor's own messages, and tells {@link MessageChanged} once committed.
     *
     * @throws ChatException Invalid text; Forbidden when the editor is not its author; NotFound when the
     *                       room or the message (in that room) does not exist, or it was deleted
     */
    public Revision edit(long roomId, long messageId, long editorId, Object text) {
        String body = rules.validText(text);
        return told(database.inTransaction(em -> {
            Message message = toChange(em, roomId, messageId, editorId);
            if (message.getAuthor().getId() != editorId) {
                throw ChatException.forbidden("Only its author may edit a message");
            }
            if (message.isDeleted()) {
                throw ChatException.notFound("This message was deleted");
            }
            boolean changed = message.edit(body, Database.now());
            return new Revision(message.view(), changed);
        }), editorId, "edit");
    }

    /**
     * Deletes a message: its text is emptied and it stays as a tombstone, told as an edit is. Its author may,
     * and an administrator (moderation); deleting it again changes nothing.
     *
     * @throws ChatException Forbidden for anyone else; NotFound when the room or the message does not exist
     */
    public Revision delete(long roomId, long messageId, long actorId, boolean admin) {
        return told(database.inTransaction(em -> {
            Message message = toChange(em, roomId, messageId, actorId);
            if (!admin && message.getAuthor().getId() != actorId) {
                throw ChatException.forbidden("Only its author or an administrator may delete a message");
            }
            boolean changed = message.delete(Database.now());
            if (changed) {
                Reactions.deleteAll(em, messageId);
            }
            return new Revision(message.view(), changed);
        }), actorId, "deletion");
    }

    private Revision told(Revision revision, long byId, String what) {
        if (revision.changed()) {
            try {
                changed.fire(new MessageChanged(revision.message(), byId));
            } catch (RuntimeException e) {
                // committed whatever happens here: the caller's answer must say so
                LOG.log(Level.WARNING, "message " + revision.message().id() + "'s " + what
                        + " is stored, but telling the room failed", e);
            }
        }
        return revision;
    }

    /** Locked: an edit and a deletion at once must not leave a deleted message with its text back. */
    private static Message toChange(EntityManager em, long roomId, long messageId, long userId) {
        RoomDirectory.requireAccess(em, roomId, userId);
        Message message = em.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.getRoom().getId() != roomId) {
            throw ChatException.notFound("No such message in this room");
        }
        return message;
    }

    /** The author was renamed: the messages they send from now on carry the new name. */
    public void forgetName(long authorId) {
        writer.forgetName(authorId);
    }

    /** Whether new messages are still being written: false once the writer thread has ended. */
    public boolean writing() {
        return writer.alive();
    }

    /** Messages submitted and not yet taken into a commit: a backlog here means the database is slow. */
    public int waiting() {
        return writer.waiting();
    }

    /** {@code listener} is told how many new messages each commit stored, on the writer thread: keep it short. */
    public void onStored(LongConsumer listener) {
        writer.onStored(listener);
    }

    @PreDestroy
    void stop() {
        writer.stop();
    }

    public MessagePage history(long roomId, long readerId, PageRequest page) {
        return database.inTransaction(em -> {
            RoomDirectory.requireAccess(em, roomId, readerId);
            // Always a range on the id, and the room's column first in the order though the room is fixed: H2
            // then reads the page from an index on (room_id, id) in the page's direction (db/h2/V2 adds the
            // newest-first one). Without them it took the foreign key's index on room_id alone and sorted the
            // whole room for every page (30-50 ms a page in a room of 15 000 messages, against 0.4 ms).
            // PostgreSQL reads its one (room_id, id) index either way.
            String order = page.newestFirst() ? " DESC" : " ASC";
            // changed ones only: read along the same index, the few edited, deleted or reacted to kept
            String changed = page.changedOnly()
                    ? " AND (m.editedAt IS NOT NULL OR m.deletedAt IS NOT NULL OR m.reactedAt IS NOT NULL)" : "";
            TypedQuery<MessageView> query = em.createQuery(VIEW + "WHERE m.roomId = :room"
                            + " AND m.id > :after AND m.id < :before" + changed
                            + " ORDER BY m.roomId" + order + ", m.id" + order, MessageView.class)
                    .setParameter("room", roomId)
                    .setParameter("after", page.after() == null ? 0L : page.after())
                    .setParameter("before", page.before() == null ? Long.MAX_VALUE : page.before())
                    .setMaxResults(page.limit() + 1);
            List<MessageView> found = new ArrayList<>(query.getResultList());
            boolean hasMore = found.size() > page.limit();
            List<MessageView> messages = new ArrayList<>(found.subList(0, Math.min(found.size(), page.limit())));
            if (page.newestFirst()) {
                Collections.reverse(messages);
            }
            List<Long> ids = messages.stream().map(MessageView::id).toList();
            Map<Long, Quote> quotes = Quote.ofReplies(em, ids);
            Map<Long, List<ReactionView>> reactions = Reactions.of(em, ids);
            messages.replaceAll(m -> quotes.containsKey(m.id()) || reactions.containsKey(m.id())
                    ? m.withReplyTo(quotes.get(m.id())).withReactions(reactions.get(m.id())) : m);
            return new MessagePage(List.copyOf(messages), hasMore);
        });
    }

    /** The newest messages of a room, oldest first (the history a {@code join-room} ack carries). */
    public List<MessageView> recent(long roomId, long readerId, int count) {
        return history(roomId, readerId, PageRequest.latest(count)).messages();
    }

    /**
     * Moves the reader's read mark in a room forward to {@code messageId} (never back).
     *
     * @return the read mark after the call
     */
    public long markRead(long roomId, long readerId, long messageId) {
        // once more: a reader's first marks in a room never joined, from two tabs at once, both create its membership
        return database.inTransactionOrOnceMore(em -> {
            Room room = RoomDirectory.requireAccess(em, roomId, readerId);
            Message message = em.find(Message.class, messageId);
            if (message == null || !message.getRoom().getId().equals(room.getId())) {
                throw ChatException.notFound("No such message in this room");
            }
            Membership membership = RoomDirectory.membershipToUpdate(em, room, readerId);
            membership.advanceReadMark(messageId);
            return membership.getLastReadMessageId();
        });
    }

    /**
     * Unread messages per room: those after the reader's read mark (all of them when there is none),
     * not counting the reader's own nor deleted ones.
     */
    public Map<Long, Long> unreadCounts(long readerId, List<VisibleRoom> rooms) {
        List<Long> marked = rooms.stream().filter(r -> r.lastReadMessageId() != null).map(r -> r.room().id()).toList();
        List<Long> unmarked = rooms.stream().filter(r -> r.lastReadMessageId() == null).map(r -> r.room().id()).toList();
        return database.inTransaction(em -> {
            Map<Long, Long> counts = new HashMap<>();
            rooms.forEach(r -> counts.put(r.room().id(), 0L));
            if (!marked.isEmpty()) {
                collect(counts, em.createQuery("SELECT m.room.id, COUNT(m) FROM Message m, Membership ms"
                                + " WHERE ms.account.id = :me AND ms.room = m.room AND m.id > ms.lastReadMessageId"
                                + " AND m.author.id <> :me AND m.deletedAt IS NULL AND m.room.id IN :rooms"
                                + " GROUP BY m.room.id", Object[].class)
                        .setParameter("me", readerId)
                        .setParameter("rooms", marked));
            }
            if (!unmarked.isEmpty()) {
                collect(counts, em.createQuery("SELECT m.room.id, COUNT(m) FROM Message m"
                                + " WHERE m.author.id <> :me AND m.deletedAt IS NULL AND m.room.id IN :rooms"
                                + " GROUP BY m.room.id", Object[].class)
                        .setParameter("me", readerId)
                        .setParameter("rooms", unmarked));
            }
            return counts;
        });
    }

    /** The text as it would be stored (trimmed), or Invalid: lets callers refuse bad input before other checks. */
    public String validText(Object text) {
        return rules.validText(text);
    }

    public int maxLength() {
        return rules.maxLength();
    }

    private static void collect(Map<Long, Long> counts, TypedQuery<Object[]> query) {
        for (Object[] row : query.getResultList()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
    }
}
