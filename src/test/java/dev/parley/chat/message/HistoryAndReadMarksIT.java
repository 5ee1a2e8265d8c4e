package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader's side of a room on every storage backend: history pages without gaps or overlaps, and read marks,
 * which only move forward whatever the tabs race, and drive unread counts.
 */
class HistoryAndReadMarksIT extends TwoPeopleAndARoom {

    @Test
    void historyPagesBackwardsAndForwardsWithoutGapsOrOverlaps() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(chat.messages.append(room.id(), i % 2 == 0 ? alice.id() : bob.id(), "m" + i, null).message().id());
        }

        MessagePage newest = chat.messages.history(room.id(), bob.id(), PageRequest.of(null, null, 10));
        assertEquals(ids.subList(15, 25), idsOf(newest));
        assertTrue(newest.hasMore());

        MessagePage older = chat.messages.history(room.id(), bob.id(), PageRequest.of(ids.get(15), null, 10));
        assertEquals(ids.subList(5, 15), idsOf(older));
        assertTrue(older.hasMore());

        MessagePage oldest = chat.messages.history(room.id(), bob.id(), PageRequest.of(ids.get(5), null, 10));
        assertEquals(ids.subList(0, 5), idsOf(oldest));
        assertFalse(oldest.hasMore());

        MessagePage missed = chat.messages.history(room.id(), bob.id(), PageRequest.of(null, ids.get(19), 50));
        assertEquals(ids.subList(20, 25), idsOf(missed));
        assertFalse(missed.hasMore());

        MessagePage firstOfMissed = chat.messages.history(room.id(), bob.id(), PageRequest.of(null, ids.get(9), 3));
        assertEquals(ids.subList(10, 13), idsOf(firstOfMissed));
        assertTrue(firstOfMissed.hasMore());

        MessagePage between = chat.messages.history(room.id(), bob.id(), PageRequest.of(ids.get(8), ids.get(3), 50));
        assertEquals(ids.subList(4, 8), idsOf(between));

        assertEquals(List.of(), idsOf(chat.messages.history(room.id(), bob.id(), PageRequest.of(null, ids.get(24), 5))));
    }

    @Test
    void historyStaysInsideItsRoom() {
        RoomView other = chat.rooms.create(bob.id(), ChatFixture.unique("other"), false);
        chat.messages.append(other.id(), bob.id(), "elsewhere", null);
        MessageView here = chat.messages.append(room.id(), alice.id(), "here", null).message();
        assertEquals(List.of(here), chat.messages.recent(room.id(), alice.id(), 50));
    }

    @Test
    void readMarkOnlyMovesForwardAndDrivesUnreadCounts() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(chat.messages.append(room.id(), alice.id(), "m" + i, null).message().id());
        }
        chat.messages.append(room.id(), bob.id(), "bob's own", null);

        var visible = chat.rooms.visibleTo(bob.id()).stream().filter(r -> r.room().id() == room.id()).toList();
        assertEquals(5L, chat.messages.unreadCounts(bob.id(), visible).get(room.id()), "all of alice's, none of bob's");

        assertEquals(ids.get(2), chat.messages.markRead(room.id(), bob.id(), ids.get(2)));
        assertEquals(ids.get(2), chat.messages.markRead(room.id(), bob.id(), ids.get(0)), "never backwards");

        visible = chat.rooms.visibleTo(bob.id()).stream().filter(r -> r.room().id() == room.id()).toList();
        assertTrue(visible.get(0).member(), "reading a public room makes you a member");
        assertEquals(2L, chat.messages.unreadCounts(bob.id(), visible).get(room.id()));
    }

    /**
     * Tabs of one reader marking different messages read at once (each as it arrived there): the mark ends
     * at the latest, whatever order the transactions commit in, never at one an earlier mark overwrote.
     */
    @Test
    void readMarksFromManyTabsAtOnceEndAtTheLatest() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(chat.messages.append(room.id(), alice.id(), "r" + i, null).message().id());
        }
        chat.messages.markRead(room.id(), bob.id(), ids.get(0)); // a member already: only the marks race
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Long> marks = ids.subList(round * 8, round * 8 + 8);
                List<Callable<Long>> reads = marks.stream()
                        .<Callable<Long>>map(id -> () -> chat.messages.markRead(room.id(), bob.id(), id)).toList();
                for (Future<Long> read : tabs.invokeAll(reads)) {
                    read.get();
                }
                var visible = chat.rooms.visibleTo(bob.id()).stream().filter(r -> r.room().id() == room.id()).toList();
                assertEquals(marks.get(7), visible.get(0).lastReadMessageId(), "round " + round);
            }
        } finally {
            tabs.shutdownNow();
        }
    }

    /** A reader's first marks in a public room never joined, from several tabs at once: one membership, no refusal. */
    @Test
    void firstReadMarksFromManyTabsAtOnceMakeOneMembership() throws Exception {
        long last = chat.messages.append(room.id(), alice.id(), "hello", null).message().id();
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> reads = IntStream.range(0, 8)
                    .<Callable<Long>>mapToObj(i -> () -> chat.messages.markRead(room.id(), bob.id(), last)).toList();
            for (Future<Long> read : tabs.invokeAll(reads)) {
                assertEquals(last, read.get());
            }
        } finally {
            tabs.shutdownNow();
        }
        assertEquals(2, chat.rooms.members(room.id(), bob.id()).size());
    }

    @Test
    void readMarkMustNameAMessageOfThatRoom() {
        RoomView other = chat.rooms.create(bob.id(), ChatFixture.unique("other"), false);
        long elsewhere = chat.messages.append(other.id(), bob.id(), "x", null).message().id();
        assertEquals(ChatError.NOT_FOUND, assertThrows(ChatException.class,
                () -> chat.messages.markRead(room.id(), bob.id(), elsewhere)).error());
    }

    private static List<Long> idsOf(MessagePage page) {
        return page.messages().stream().map(MessageView::id).toList();
    }
}
