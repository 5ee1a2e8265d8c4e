package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.storage.Database;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: one thread writes every new message, taking all that arrived while it was busy into one
 * transaction. Each caller's future completes only after that transaction committed, so an ack still never
 * precedes the commit, while a burst costs one commit instead of one per message. A single writer also
 * keeps ids in commit order, which history paging with {@code after=ID} relies on.
 *
 * <p>Plain JDBC rather than JPA: a group is one id query, one batched insert and the commit. Through JPA
 * each message cost a sequence round trip plus reads of its room and author (profiled at 2 000 messages/s
 * on PostgreSQL: a fifth of the server's CPU, and most of the database's). The room check rides in the
 * insert itself, and authors' names are remembered until a rename ({@link AuthorNames}).
 *
 * <p>With more than one core the futures are completed on delivery lanes, not on the writer: what callers
 * chain on them (the broadcast, the ack) would otherwise hold the next group's commit back and run every
 * room's fan-out on this one thread. A room always maps to the same lane, so its messages are delivered in
 * commit order. With one core they complete on the writer itself: there the hand-off bought nothing but
 * smaller groups, so more commits (measured at 2 000 messages/s on PostgreSQL: the database's share of the
 * core from 10-15% to 31-36%, the ack p99 from 2.0 to 3.3 s).
 *
 * <p>A commit window paces commits where each one costs this process: a group starts at most one window
 * after the previous one started, so a busy server commits a few messages at a time instead of one. An
 * embedded H2 file writes a new chunk of every changed page at each commit, a few hundred microseconds of
 * CPU whether it holds one message or four; while the writer waits on a database server's commit, the next
 * group gathers by itself. A message that comes when no commit was recent is written at once. The window
 * also paces the fan-out: a group's broadcasts follow its commit back to back, so a member of a busy room
 * gets that group's frames together, and they share its writes (see the transport's linger).
 */
final class MessageWriter {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class.getName());
    private static final int MAX_BATCH = 256;
    private static final Executor ON_THE_WRITER = Runnable::run;

    /** Inserts only when the room exists and is public or has the author as a member: 0 rows otherwise. */
    private static final String INSERT = "INSERT INTO messages (id, room_id, author_id, body, created_at, client_msg_id,"
            + " reply_to) SELECT ?, r.id, ?, ?, ?, ?, ? FROM rooms r WHERE r.id = ? AND (r.is_private = FALSE"
            + " OR EXISTS (SELECT 1 FROM memberships ms WHERE ms.room_id = r.id AND ms.account_id = ?))";
    private static final String BY_CLIENT_ID = "SELECT m.id, m.room_id, m.body, m.created_at, m.edited_at, m.deleted_at"
            + " FROM messages m WHERE m.author_id = ? AND m.client_msg_id = ?";
    private static final String ROOM = "SELECT is_private FROM rooms WHERE id = ?";

    /** {@code quote}: what it answers, read before it was submitted; null for none. */
    record Request(long roomId, long authorId, String text, String clientMsgId, Quote quote,
                   CompletableFuture<Appended> result) {
    }

    private final DataSource dataSource;
    private final long windowNanos;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService[] lanes;
    private final AuthorNames names = new AuthorNames();
    private String nextIds;
    /** Whether other instances' writers share the database (not an H2 file): see {@link #lockRooms}. */
    private final boolean sharedDatabase;
    private String lockRooms;
    /** Told how many new messages each commit stored (duplicates of earlier ones not counted). */
    private volatile LongConsumer stored = count -> { };

    /**
     * @param laneCount     threads that complete the futures; 0: the writer itself; below 0: one per core but one
     * @param commitWindow  least time from the start of one commit to the start of the next; 0: none
     * @param sharedDatabase whether other instances' writers may write to the same database
     */
    MessageWriter(Database database, int laneCount, Duration commitWindow, boolean sharedDatabase) {
        this.dataSource = database.dataSource();
        this.sharedDatabase = sharedDatabase;
        this.windowNanos = commitWindow.toNanos();
        this.lanes = new ExecutorService[laneCount >= 0 ? laneCount
                : Runtime.getRuntime().availableProcessors() - 1];
        for (int i = 0; i < lanes.length; i++) {
            String name = "parley-message-delivery-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(task -> {
                Thread lane = new Thread(task, name);
                lane.setDaemon(true);
                return lane;
            });
        }
        this.thread = new Thread(this::run, "parley-message-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Appended> submit(long roomId, long authorId, String text, String clientMsgId, Quote quote) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        queue.add(new Request(roomId, authorId, text, clientMsgId, quote, result));
        return result;
    }

    /** Whether the writer thread is still there to write what is submitted. */
    boolean alive() {
        return thread.isAlive();
    }

    /** Messages submitted and not yet taken into a commit. */
    int waiting() {
        return queue.size();
    }

    void onStored(LongConsumer listener) {
        this.stored = listener;
    }

    void stop() {
        thread.interrupt();
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        long lastStart = System.nanoTime() - windowNanos;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            // One sleep, not a wake-up per arrival: the group is whatever came by the end of the window.
            long due = lastStart + windowNanos;
            for (long wait = due - System.nanoTime(); wait > 0 && queue.size() < MAX_BATCH - 1;
                 wait = due - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            lastStart = System.nanoTime();
            write(batch, false);
            batch.clear();
        }
    }

    /**
     * A batch is first written on the bet that it holds no retry of a message committed earlier, so no
     * message costs a lookup (a round trip each): the unique constraint on (author, clientMsgId) refuses a
     * retry that does turn up, and the batch is then redone a message at a time, each looked up first.
     */
    private void write(List<Request> batch, boolean lookUpRetries) {
        Object[] outcomes;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                outcomes = store(connection, batch, lookUpRetries);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            if (lookUpRetries) {
                LOG.log(Level.WARNING, "storing a message failed", e);
                Request request = batch.get(0);
                laneOf(request).execute(() -> request.result().completeExceptionally(e));
            } else {
                // a retry, or one message that spoilt the batch otherwise: each on its own
                for (Request request : batch) {
                    write(List.of(request), true);
                }
            }
            return;
        }
        long added = Arrays.stream(outcomes).filter(o -> o instanceof Appended a && !a.duplicate()).count();
        if (added > 0) {
            stored.accept(added);
        }
        // one hand-off per lane and group, in commit order
        Map<Executor, List<Runnable>> byLane = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Appended> result = batch.get(i).result();
            Object outcome = outcomes[i];
            byLane.computeIfAbsent(laneOf(batch.get(i)), lane -> new ArrayList<>()).add(() -> {
                if (outcome instanceof ChatException refused) {
                    result.completeExceptionally(refused);
                } else {
                    result.complete((Appended) outcome);
                }
            });
        }
        byLane.forEach((lane, completions) -> lane.execute(() -> completions.forEach(Runnable::run)));
    }

    private Executor laneOf(Request request) {
        return lanes.length == 0 ? ON_THE_WRITER : lanes[(int) Math.floorMod(request.roomId(), (long) lanes.length)];
    }

    /** Per request: an Appended (new or duplicate), or the ChatException that refused it. */
    private Object[] store(Connection connection, List<Request> batch, boolean lookUpRetries) throws SQLException {
        Object[] outcomes = new Object[batch.size()];
        int[] sameAs = new int[batch.size()];
        Arrays.fill(sameAs, -1);
        Map<String, Integer> byClientId = new HashMap<>();
        List<Integer> inserts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Request request = batch.get(i);
            if (request.clientMsgId() != null) {
                Integer earlier = byClientId.putIfAbsent(request.authorId() + "/" + request.clientMsgId(), i);
                if (earlier != null) {
                    sameAs[i] = earlier; // the same retry twice in one batch
                    continue;
                }
                if (lookUpRetries) {
                    MessageView first = byClientId(connection, request);
                    if (first != null) {
                        outcomes[i] = first.roomId() == request.roomId() ? new Appended(first, true) : reused(request);
                        continue;
                    }
                }
            }
            inserts.add(i);
        }
        insert(connection, batch, inserts, outcomes);
        for (int i = 0; i < batch.size(); i++) {
            if (sameAs[i] >= 0) {
                Object first = outcomes[sameAs[i]];
                outcomes[i] = batch.get(sameAs[i]).roomId() != batch.get(i).roomId() ? reused(batch.get(i))
                        : first instanceof Appended a ? new Appended(a.message(), true) : first;
            }
        }
        return outcomes;
    }

    private void insert(Connection connection, List<Request> batch, List<Integer> inserts, Object[] outcomes)
            throws SQLException {
        if (inserts.isEmpty()) {
            return;
        }
        if (sharedDatabase) {
            lockRooms(connection, batch, inserts);
        }
        long[] ids = nextIds(connection, inserts.size());
        Instant now = Database.now();
        OffsetDateTime createdAt = now.atOffset(ZoneOffset.UTC);
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int k = 0; k < inserts.size(); k++) {
                Request request = batch.get(inserts.get(k));
                insert.setLong(1, ids[k]);
                insert.setLong(2, request.authorId());
                insert.setString(3, request.text());
                insert.setObject(4, createdAt);
                insert.setString(5, request.clientMsgId());
                if (request.quote() == null) {
                    insert.setNull(6, Types.BIGINT);
                } else {
                    insert.setLong(6, request.quote().id());
                }
                insert.setLong(7, request.roomId());
                insert.setLong(8, request.authorId());
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        for (int k = 0; k < inserts.size(); k++) {
            int i = inserts.get(k);
            Request request = batch.get(i);
            if (counts[k] == 0) {
                outcomes[i] = refusal(connection, request.roomId());
            } else if (counts[k] == 1) {
                MessageView message = new MessageView(ids[k], request.roomId(), author(connection, request),
                        request.text(), now, request.clientMsgId());
                outcomes[i] = new Appended(request.quote() == null ? message : message.withReplyTo(request.quote()),
                        false);
            } else {
                throw new SQLException("Unexpected update count " + counts[k] + " for one message");
            }
        }
    }

    /**
     * With several instances on one database, each instance's writer takes ids from the sequence and commits
     * on its own: instance A could take 100, B take 101 and commit first, and a client that read up to 101
     * (history {@code after=}, a read mark) would never see 100. History and read marks are per room, so ids
     * need only be in commit order within a room: the batch locks its rooms' rows (in id order, so that two
     * writers never wait for each other) before it takes ids, and holds them until it commits. The lock does
     * not stop a membership or message insert, whose foreign key check takes a weaker lock.
     */
    private void lockRooms(Connection connection, List<Request> batch, List<Integer> inserts) throws SQLException {
        if (lockRooms == null) {
            lockRooms = "SELECT id FROM rooms WHERE id = ANY(?) ORDER BY id "
                    + (connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                    ? "FOR NO KEY UPDATE" : "FOR UPDATE");
        }
        Long[] rooms = inserts.stream().map(i -> batch.get(i).roomId()).distinct().sorted().toArray(Long[]::new);
        try (PreparedStatement lock = connection.prepareStatement(lockRooms)) {
            lock.setArray(1, connection.createArrayOf("BIGINT", rooms));
            try (ResultSet locked = lock.executeQuery()) {
                while (locked.next()) {
                    // the rows are locked as they are read
                }
            }
        }
    }

    /** {@code count} fresh ids, ascending, in one query. */
    private long[] nextIds(Connection connection, int count) throws SQLException {
        if (nextIds == null) {
            nextIds = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                    ? "SELECT nextval('messages_id_seq') FROM generate_series(1, ?)"
                    : "SELECT NEXT VALUE FOR messages_id_seq FROM SYSTEM_RANGE(1, ?)";
        }
        long[] ids = new long[count];
        try (PreparedStatement query = connection.prepareStatement(nextIds)) {
            query.setInt(1, count);
            try (ResultSet rows = query.executeQuery()) {
                for (int k = 0; k < count; k++) {
                    if (!rows.next()) {
                        throw new SQLException("The id sequence gave fewer than " + count + " values");
                    }
                    ids[k] = rows.getLong(1);
                }
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /** A clientMsgId names one message of its author: a retry is the same text to the same room. */
    private static ChatException reused(Request request) {
        return ChatException.invalid("clientMsgId " + request.clientMsgId() + " is already used in another room");
    }

    private MessageView byClientId(Connection connection, Request request) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(BY_CLIENT_ID)) {
            query.setLong(1, request.authorId());
            query.setString(2, request.clientMsgId());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                // a retry of a message since edited or deleted answers with it as it is now
                return new MessageView(row.getLong(1), row.getLong(2), author(connection, request), row.getString(3),
                        instant(row, 4), request.clientMsgId(), instant(row, 5), instant(row, 6))
                        .withReplyTo(request.quote()); // a retry answers the same one
            }
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private UserRef author(Connection connection, Request request) throws SQLException {
        return new UserRef(request.authorId(), names.of(connection, request.authorId()));
    }

    /** The account was renamed: its next message reads the name again. */
    void forgetName(long accountId) {
        names.forget(accountId);
    }

    /** Why the insert took no row: the room is gone, or private to others. */
    private static ChatException refusal(Connection connection, long roomId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(ROOM)) {
            query.setLong(1, roomId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? RoomDirectory.membersOnly() : RoomDirectory.noSuchRoom();
            }
        }
    }
}
