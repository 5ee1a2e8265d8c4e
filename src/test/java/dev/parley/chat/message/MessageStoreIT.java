package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.RoomView;
import dev.parley.realtime.RecordingEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storing messages and reading them back: commits, retries, the commit window, history, read marks, unread counts. */
class MessageStoreIT extends TwoPeopleAndARoom {

    @Test
    void appendedMessageIsCommittedWhenAppendReturns() throws SQLException {
        Appended appended = chat.messages.append(room.id(), alice.id(), "  hello  ", null);

        // A separate connection, outside any JPA context, sees the row: it is committed.
        try (Connection c = chat.database.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT body, author_id FROM messages WHERE id = ?")) {
            q.setLong(1, appended.message().id());
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("hello", rs.getString(1));
                assertEquals(alice.id(), rs.getLong(2));
            }
        }
        assertFalse(appended.duplicate());
        assertEquals(new UserRef(alice.id(), alice.displayName()), appended.message().user());
    }

    @Test
    void aRenamedAuthorsNextMessageAndEarlierOnesCarryTheNewName() {
        AccountView carol = chat.someone();
        assertEquals(carol.displayName(), chat.messages.append(room.id(), carol.id(), "first", null).message().user().name());

        chat.accounts.rename(carol.id(), "Carol Renamed");
        chat.messages.forgetName(carol.id()); // what the live layer does when it hears of the rename
        assertEquals("Carol Renamed", chat.messages.append(room.id(), carol.id(), "second", null).message().user().name());
        assertEquals(List.of("Carol Renamed", "Carol Renamed"), chat.messages.recent(room.id(), carol.id(), 2)
                .stream().map(m -> m.user().name()).toList(), "history names authors as they are now");
    }

    @Test
    void createdAtReadsBackExactlyAsAcked() {
        MessageView acked = chat.messages.append(room.id(), alice.id(), "time", null).message();
        MessageView read = chat.messages.recent(room.id(), alice.id(), 1).get(0);
        assertEquals(acked, read);
    }

    @Test
    void retryWithSameClientMsgIdReturnsFirstCopyAndStoresOnce() throws SQLException {
        Appended first = chat.messages.append(room.id(), alice.id(), "once", "c-1");
        Appended retry = chat.messages.append(room.id(), alice.id(), "once, again", "c-1");

        assertTrue(retry.duplicate());
        assertEquals(first.message(), retry.message());
        assertEquals(1, rowsWithClientId(alice.id(), "c-1"));
    }

    @Test
    void aClientMsgIdUsedInAnotherRoomIsRefusedNotTakenForARetry() throws SQLException {
        RoomView other = chat.rooms.create(alice.id(), ChatFixture.unique("other"), false);
        chat.messages.append(room.id(), alice.id(), "here", "c-rooms");

        ChatException refused = assertThrows(ChatException.class,
                () -> chat.messages.append(other.id(), alice.id(), "there", "c-rooms"));

        assertEquals(ChatError.INVALID, refused.error());
        assertEquals(1, rowsWithClientId(alice.id(), "c-rooms"));
        assertEquals(0, chat.messages.recent(other.id(), alice.id(), 10).size());
    }

    /**
     * Another instance's writer (played by this test's own transaction) has taken an id for the room and not
     * yet committed: this writer's message to that room waits for that commit, so ids reach readers of the
     * room in order and none is skipped by a reader that went past it (history {@code after=}, read marks).
     * An H2 file has one writer only, so it takes no such lock.
     */
    @Test
    void withSeveralWritersOnOneDatabaseIdsAreCommittedInOrderWithinARoom() throws Exception {
        Assumptions.assumeTrue("postgresql".equals(backend.database()), "one writer on an H2 file");
        long earlier;
        CompletableFuture<Appended> later;
        try (Connection other = chat.database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR NO KEY UPDATE");
                 PreparedStatement id = other.prepareStatement("SELECT nextval('messages_id_seq')")) {
                lock.setLong(1, room.id());
                lock.executeQuery().close();
                try (ResultSet next = id.executeQuery()) {
                    next.next();
                    earlier = next.getLong(1);
                }
            }
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO messages (id, room_id, author_id, body,"
                    + " created_at) VALUES (?, ?, ?, 'from the other instance', CURRENT_TIMESTAMP)")) {
                insert.setLong(1, earlier);
                insert.setLong(2, room.id());
                insert.setLong(3, bob.id());
                insert.executeUpdate();
            }
            later = chat.messages.appendAsync(room.id(), alice.id(), "from this instance", null);
            Thread.sleep(500);
            assertFalse(later.isDone(), "took its id while another writer was still between its id and its commit");
            other.commit();
        }
        long id = later.get(10, TimeUnit.SECONDS).message().id();
        assertTrue(id > earlier);
        assertEquals(List.of(earlier, id), chat.messages.history(room.id(), alice.id(), PageRequest.latest(10))
                .messages().stream().map(MessageView::id).toList());
    }

    @Test
    void retryAmongNewMessagesSpoilsNoneOfThem() throws SQLException {
        Appended first = chat.messages.append(room.id(), alice.id(), "first", "c-mix-0");
        // Submitted back to back, so the writer most likely takes them as one batch, which the retry's
        // insert then fails: each must still end up stored exactly once.
        List<CompletableFuture<Appended>> inFlight = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            inFlight.add(chat.messages.appendAsync(room.id(), alice.id(), "new " + i, "c-mix-" + i));
            if (i == 2) {
                inFlight.add(chat.messages.appendAsync(room.id(), alice.id(), "first, again", "c-mix-0"));
            }
        }
        List<Appended> results = inFlight.stream().map(CompletableFuture::join).toList();

        Appended retry = results.get(2);
        assertTrue(retry.duplicate());
        assertEquals(first.message(), retry.message());
        for (int i = 0; i <= 4; i++) {
            assertEquals(1, rowsWithClientId(alice.id(), "c-mix-" + i), "c-mix-" + i);
        }
        assertEquals(4, results.stream().filter(a -> !a.duplicate()).count());
    }

    @Test
    void refusalsAndRetriesInsideAGroupCommitSpoilNoneOfTheOthers() {
        RoomView secret = chat.rooms.create(bob.id(), ChatFixture.unique("secret"), true);
        // Submitted back to back, so the writer takes many of them in one transaction.
        List<CompletableFuture<Appended>> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inFlight.add(chat.messages.appendAsync(room.id(), alice.id(), "plain " + i, null));
            inFlight.add(chat.messages.appendAsync(secret.id(), alice.id(), "not a member " + i, null));
            inFlight.add(chat.messages.appendAsync(Long.MAX_VALUE, alice.id(), "nowhere " + i, null));
            inFlight.add(chat.messages.appendAsync(room.id(), alice.id(), "keyed " + i, "c-group-" + i));
            inFlight.add(chat.messages.appendAsync(room.id(), alice.id(), "keyed " + i + ", again", "c-group-" + i));
        }

        List<MessageView> stored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Appended plain = inFlight.get(5 * i).join();
            assertFalse(plain.duplicate());
            assertEquals("plain " + i, plain.message().text());
            assertEquals(alice.displayName(), plain.message().user().name());
            assertEquals(ChatError.FORBIDDEN, refusal(inFlight.get(5 * i + 1)));
            assertEquals(ChatError.NOT_FOUND, refusal(inFlight.get(5 * i + 2)));
            Appended keyed = inFlight.get(5 * i + 3).join();
            Appended again = inFlight.get(5 * i + 4).join();
            assertFalse(keyed.duplicate());
            assertTrue(again.duplicate());
            assertEquals(keyed.message(), again.message());
            stored.add(plain.message());
            stored.add(keyed.message());
        }
        // What each sender was told is what history holds, in the order it was sent.
        assertEquals(stored, chat.messages.history(room.id(), alice.id(), PageRequest.latest(100)).messages());
        assertTrue(chat.messages.history(secret.id(), bob.id(), PageRequest.latest(10)).messages().isEmpty());
    }

    @Test
    void whatFollowsACommitRunsInCommitOrderPerRoomAndHoldsNoLaterCommitBack() throws Exception {
        RoomView other = chat.rooms.create(alice.id(), ChatFixture.unique("other"), false);
        CountDownLatch release = new CountDownLatch(1);
        Thread test = Thread.currentThread();
        // A continuation that blocks, as a broadcast to a stuck client could: later messages are still
        // committed. (It runs here only if the commit beat thenAccept, and must not block this thread then.)
        CompletableFuture<Void> stuck = chat.messages.appendAsync(room.id(), alice.id(), "stuck", null)
                .thenAccept(appended -> {
                    if (Thread.currentThread() != test) {
                        await(release);
                    }
                });
        String body = ChatFixture.unique("later");
        CompletableFuture<Appended> later;
        try {
            later = chat.messages.appendAsync(other.id(), bob.id(), body, null);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rowsWithBody(body) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, rowsWithBody(body));
        } finally {
            release.countDown();
        }
        stuck.get(10, TimeUnit.SECONDS);
        assertEquals(body, later.get(10, TimeUnit.SECONDS).message().text());

        // Continuations of one room run in the order its messages were committed, as broadcasts must.
        Map<Long, List<Long>> seen = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long roomId = i % 2 == 0 ? room.id() : other.id();
            inFlight.add(chat.messages.appendAsync(roomId, alice.id(), "in order " + i, null).thenAccept(a ->
                    seen.computeIfAbsent(roomId, r -> Collections.synchronizedList(new ArrayList<>()))
                            .add(a.message().id())));
        }
        inFlight.forEach(CompletableFuture::join);
        for (List<Long> ids : seen.values()) {
            assertEquals(50, ids.size());
            assertEquals(ids.stream().sorted().toList(), ids);
        }
    }

    @Test
    void messagesThatComeWithinTheCommitWindowShareOneCommitAndALoneMessageIsNotHeld() throws Exception {
        MessageStore paced = new MessageStore(chat.database, new RecordingEvent<>(new ArrayList<>()), 20, 0, 1500); // a window far longer than a commit
        try {
            Appended first = paced.append(room.id(), alice.id(), "first", null);
            // Sent while the window the first commit opened is still open: held to its end, then one group.
            List<Appended> close = IntStream.range(0, 5)
                    .mapToObj(i -> paced.appendAsync(room.id(), bob.id(), "close " + i, null))
                    .toList().stream().map(CompletableFuture::join).toList();
            assertEquals(1, close.stream().map(a -> a.message().createdAt()).distinct().count(),
                    "one group, one timestamp: " + close);
            Duration gap = Duration.between(first.message().createdAt(), close.get(0).message().createdAt());
            assertTrue(gap.toMillis() >= 1400, "the group waited for the window: " + gap);

            Thread.sleep(1600);
            long start = System.nanoTime();
            Appended alone = paced.append(room.id(), alice.id(), "alone", null);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < 1000, "no commit in the last window, so no wait: " + tookMs + " ms");
            assertEquals(List.of("first", "close 0", "close 1", "close 2", "close 3", "close 4", "alone"),
                    chat.messages.history(room.id(), alice.id(), PageRequest.latest(10)).messages().stream()
                            .map(MessageView::text).toList());
            assertTrue(alone.message().id() > close.get(4).message().id());
        } finally {
            paced.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int rowsWithBody(String body) throws SQLException {
        try (Connection c = chat.database.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM messages WHERE body = ?")) {
            q.setString(1, body);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static ChatError refusal(CompletableFuture<Appended> result) {
        CompletionException failed = assertThrows(CompletionException.class, result::join);
        return assertInstanceOf(ChatException.class, failed.getCause()).error();
    }

    @Test
    void sameClientMsgIdFromAnotherAuthorIsAnotherMessage() {
        MessageView fromAlice = chat.messages.append(room.id(), alice.id(), "a", "shared-id").message();
        Appended fromBob = chat.messages.append(room.id(), bob.id(), "b", "shared-id");
        assertFalse(fromBob.duplicate());
        assertTrue(fromBob.message().id() > fromAlice.id());
    }

    @Test
    void concurrentRetriesStoreOneMessage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Appended>> tries = IntStream.range(0, 6)
                    .<Callable<Appended>>mapToObj(i -> () -> chat.messages.append(room.id(), alice.id(), "race", "c-race"))
                    .toList();
            List<Appended> results = new ArrayList<>();
            for (Future<Appended> f : pool.invokeAll(tries)) {
                results.add(f.get());
            }
            assertEquals(1, results.stream().filter(a -> !a.duplicate()).count());
            assertEquals(1, results.stream().map(a -> a.message().id()).distinct().count());
            assertEquals(1, rowsWithClientId(alice.id(), "c-race"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidTextIsRefusedAndNothingIsStored() {
        for (String text : new String[]{null, "", "   \n\t ", "x".repeat(21), "nul\0byte"}) {
            ChatException e = assertThrows(ChatException.class,
                    () -> chat.messages.append(room.id(), alice.id(), text, "bad"));
            assertEquals(ChatError.INVALID, e.error());
        }
        assertEquals(0, chat.messages.recent(room.id(), alice.id(), 10).size());
    }

    @Test
    void maximumLengthIsConfiguredAndCountsCharactersNotBytes() {
        String twenty = "é".repeat(10) + "😀".repeat(10);
        assertEquals(twenty, chat.messages.append(room.id(), alice.id(), twenty, null).message().text());
    }

    @Test
    void privateRoomIsClosedToNonMembers() {
        RoomView secret = chat.rooms.create(alice.id(), ChatFixture.unique("secret"), true);
        chat.messages.append(secret.id(), alice.id(), "members only", null);

        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.messages.append(secret.id(), bob.id(), "let me in", null)).error());
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.messages.history(secret.id(), bob.id(), PageRequest.latest(10))).error());

        chat.rooms.addMember(secret.id(), alice.id(), bob.id());
        assertEquals(1, chat.messages.history(secret.id(), bob.id(), PageRequest.latest(10)).messages().size());
    }

    @Test
    void unknownRoomIsNotFound() {
        assertEquals(ChatError.NOT_FOUND, assertThrows(ChatException.class,
                () -> chat.messages.append(Long.MAX_VALUE, alice.id(), "hello?", null)).error());
    }

    private static int rowsWithClientId(long authorId, String clientMsgId) throws SQLException {
        DataSource ds = chat.database.dataSource();
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT COUNT(*) FROM messages WHERE author_id = ? AND client_msg_id = ?")) {
            q.setLong(1, authorId);
            q.setString(2, clientMsgId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
