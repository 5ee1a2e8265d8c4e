package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import dev.parley.chat.account.Account;
import dev.parley.chat.room.Room;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.storage.Database;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: one thread writes every new message, taking all that arrived while it was busy into one
 * transaction. Each caller's future completes only after that transaction committed, so an ack still never
 * precedes the commit, while a burst costs one commit instead of one per message. A single writer also
 * keeps ids in commit order, which history paging with {@code after=ID} relies on.
 */
final class MessageWriter {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class.getName());
    private static final int MAX_BATCH = 256;
    private static final String BY_CLIENT_ID = "SELECT m FROM Message m WHERE m.author.id = :author"
            + " AND m.clientMsgId = :client";

    record Request(long roomId, long authorId, String text, String clientMsgId, CompletableFuture<Appended> result) {
    }

    private final Database database;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    MessageWriter(Database database) {
        this.database = database;
        this.thread = new Thread(this::run, "parley-message-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Appended> submit(long roomId, long authorId, String text, String clientMsgId) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        queue.add(new Request(roomId, authorId, text, clientMsgId, result));
        return result;
    }

    void stop() {
        thread.interrupt();
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Request> batch) {
        write(batch, false);
    }

    /**
     * A batch is first written on the bet that it holds no retry of a message committed earlier, so no
     * message costs a lookup (a round trip each): the unique constraint on (author, clientMsgId) refuses a
     * retry that does turn up, and the batch is then redone a message at a time, each looked up first.
     */
    private void write(List<Request> batch, boolean lookUpRetries) {
        try {
            List<Object> outcomes = database.inTransaction(em -> store(em, batch, lookUpRetries));
            for (int i = 0; i < batch.size(); i++) {
                Object outcome = outcomes.get(i);
                CompletableFuture<Appended> result = batch.get(i).result();
                if (outcome instanceof ChatException refused) {
                    result.completeExceptionally(refused);
                } else if (outcome instanceof Message stored) {
                    result.complete(new Appended(stored.view(), false));
                } else {
                    result.complete((Appended) outcome);
                }
            }
        } catch (RuntimeException e) {
            if (lookUpRetries) {
                LOG.log(Level.WARNING, "storing a message failed", e);
                batch.get(0).result().completeExceptionally(e);
            } else {
                // a retry, or one message that spoilt the batch otherwise: each on its own
                for (Request request : batch) {
                    write(List.of(request), true);
                }
            }
        }
    }

    /** Per request: the new Message, an Appended for a duplicate, or the ChatException that refused it. */
    private static List<Object> store(EntityManager em, List<Request> batch, boolean lookUpRetries) {
        List<Object> outcomes = new ArrayList<>(batch.size());
        // Queries in the batch must not flush it: with AUTO every dedupe lookup wrote and change-checked all
        // the batch's earlier messages (profiled as most of the writer's time). Retries within the batch are
        // found in byClientId instead, and nothing else read here depends on the batch's own inserts.
        em.setFlushMode(FlushModeType.COMMIT);
        Map<String, Object> byClientId = new HashMap<>();
        for (Request request : batch) {
            String key = request.clientMsgId() == null ? null : request.authorId() + "/" + request.clientMsgId();
            Object earlier = key == null ? null : byClientId.get(key);
            if (earlier != null) {
                outcomes.add(earlier); // the same retry twice in one batch
                continue;
            }
            Object outcome;
            try {
                outcome = storeOne(em, request, lookUpRetries);
            } catch (ChatException refused) {
                outcome = refused;
            }
            outcomes.add(outcome);
            if (key != null && !(outcome instanceof ChatException)) {
                byClientId.put(key, outcome instanceof Message m ? new DuplicateOf(m) : outcome);
            }
        }
        em.flush();
        outcomes.replaceAll(o -> o instanceof DuplicateOf d ? new Appended(d.message().view(), true) : o);
        return outcomes;
    }

    private static Object storeOne(EntityManager em, Request request, boolean lookUpRetry) {
        if (lookUpRetry && request.clientMsgId() != null) {
            List<Message> first = em.createQuery(BY_CLIENT_ID, Message.class)
                    .setParameter("author", request.authorId())
                    .setParameter("client", request.clientMsgId())
                    .getResultList();
            if (!first.isEmpty()) {
                return new Appended(first.get(0).view(), true);
            }
        }
        Room room = RoomDirectory.requireAccess(em, request.roomId(), request.authorId());
        Account author = em.find(Account.class, request.authorId());
        if (author == null) {
            throw ChatException.notFound("No such account");
        }
        Message message = new Message(room, author, request.text(), Database.now(), request.clientMsgId());
        em.persist(message);
        return message;
    }

    /** A later copy, within one batch, of a message stored earlier in the same batch. */
    private record DuplicateOf(Message message) {
    }
}
