package dev.parley.chat.room;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.OnEveryBackend;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.UserRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Direct conversations, on every database and JPA provider: one per pair, its two people only, no name. */
class DirectConversationsIT extends OnEveryBackend {

    private static final Runnable FREE = () -> {
    };

    private AccountView alice;
    private AccountView bob;
    private AccountView carol;

    @BeforeEach
    void people() {
        alice = chat.someone();
        bob = chat.someone();
        carol = chat.someone();
    }

    @Test
    void aPairHasOneConversationWhoeverOpensIt() {
        RoomDirectory.Direct opened = chat.rooms.direct(alice.id(), bob.id(), FREE);
        RoomDirectory.Direct again = chat.rooms.direct(alice.id(), bob.id(), FREE);
        RoomDirectory.Direct fromBob = chat.rooms.direct(bob.id(), alice.id(), FREE);

        assertTrue(opened.created());
        assertFalse(again.created());
        assertFalse(fromBob.created());
        assertEquals(opened.room(), again.room());
        assertEquals(opened.room(), fromBob.room());
        RoomView room = opened.room();
        assertEquals(RoomView.DIRECT, room.visibility());
        assertNull(room.name(), "no name: clients show the other person");
        assertEquals(alice.id(), room.createdBy());
        List<UserRef> both = List.of(new UserRef(alice.id(), alice.displayName()), new UserRef(bob.id(), bob.displayName()));
        assertEquals(both, room.people(), "smaller id first");
        assertEquals(List.of(alice.id(), bob.id()),
                chat.rooms.members(room.id(), bob.id()).stream().map(AccountView::id).sorted().toList());
        assertTrue(chat.rooms.direct(alice.id(), carol.id(), FREE).created(), "another pair, another conversation");
    }

    @Test
    void onlyItsTwoPeopleSeeOrEnterIt() {
        RoomView room = chat.rooms.direct(alice.id(), bob.id(), FREE).room();

        assertEquals(new RoomDirectory.Joined(room, false), chat.rooms.join(room.id(), bob.id()));
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.rooms.join(room.id(), carol.id())).error());
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.rooms.open(room.id(), carol.id())).error());
        assertFalse(listed(carol).contains(room.id()));
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.messages.recent(room.id(), carol.id(), 10)).error());
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.messages.append(room.id(), carol.id(), "let me in", null)).error());

        long said = chat.messages.append(room.id(), alice.id(), "just us", null).message().id();
        assertEquals(List.of(said), chat.messages.recent(room.id(), bob.id(), 10).stream().map(m -> m.id()).toList());
    }

    @Test
    void itComesAfterTheNamedRoomsInEachPersonsList() {
        RoomView named = chat.rooms.create(alice.id(), ChatFixture.unique("zz-last-by-name"), true);
        RoomView first = chat.rooms.direct(alice.id(), bob.id(), FREE).room();
        RoomView second = chat.rooms.direct(carol.id(), alice.id(), FREE).room();

        List<Long> mine = listed(alice);
        assertEquals(List.of(first.id(), second.id()), mine.subList(mine.size() - 2, mine.size()), "oldest first");
        assertTrue(mine.indexOf(named.id()) < mine.indexOf(first.id()));
        assertTrue(listed(bob).contains(first.id()));
        assertFalse(listed(bob).contains(second.id()));
        assertTrue(chat.rooms.visibleTo(bob.id()).stream().filter(v -> v.room().id() == first.id())
                .allMatch(VisibleRoom::member));
    }

    @Test
    void itHasNoNameAndNoOneJoinsOrLeavesIt() {
        RoomView room = chat.rooms.direct(alice.id(), bob.id(), FREE).room();

        assertEquals(ChatError.INVALID, assertThrows(ChatException.class,
                () -> chat.rooms.rename(room.id(), alice.id(), true, "ours")).error());
        assertEquals(ChatError.INVALID, assertThrows(ChatException.class,
                () -> chat.rooms.addMember(room.id(), alice.id(), carol.id())).error());
        assertEquals(ChatError.INVALID, assertThrows(ChatException.class,
                () -> chat.rooms.removeMember(room.id(), bob.id(), bob.id())).error());
        assertEquals(2, chat.rooms.members(room.id(), alice.id()).size());
    }

    @Test
    void noConversationWithOneselfOrNobody() {
        assertEquals(ChatError.INVALID, assertThrows(ChatException.class,
                () -> chat.rooms.direct(alice.id(), alice.id(), FREE)).error());
        assertEquals(ChatError.NOT_FOUND, assertThrows(ChatException.class,
                () -> chat.rooms.direct(alice.id(), Long.MAX_VALUE, FREE)).error());
    }

    /** The allowance is asked only when a conversation is made, and its refusal makes none. */
    @Test
    void onlyANewConversationCostsAndARefusalMakesNone() {
        AtomicInteger asked = new AtomicInteger();
        chat.rooms.direct(alice.id(), bob.id(), asked::incrementAndGet);
        chat.rooms.direct(bob.id(), alice.id(), asked::incrementAndGet);
        assertEquals(1, asked.get());

        assertThrows(ChatException.class, () -> chat.rooms.direct(alice.id(), carol.id(), () -> {
            throw ChatException.rateLimited("Too many new rooms", Duration.ofSeconds(1));
        }));
        assertFalse(listed(carol).stream().anyMatch(listed(alice)::contains));
        assertTrue(chat.rooms.direct(alice.id(), carol.id(), FREE).created());
    }

    /** Both people opening it at the same moment, from several tabs each, get one and the same conversation. */
    @Test
    void openedFromBothSidesAtOnceItIsMadeOnce() throws Exception {
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RoomDirectory.Direct>> opens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long from = i % 2 == 0 ? alice.id() : bob.id();
                long to = i % 2 == 0 ? bob.id() : alice.id();
                opens.add(tabs.submit(() -> {
                    go.await();
                    return chat.rooms.direct(from, to, FREE);
                }));
            }
            go.countDown();
            List<RoomDirectory.Direct> results = new ArrayList<>();
            for (Future<RoomDirectory.Direct> open : opens) {
                results.add(open.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, results.stream().map(RoomDirectory.Direct::room).distinct().count());
            assertEquals(1, results.stream().filter(RoomDirectory.Direct::created).count());
        } finally {
            tabs.shutdownNow();
        }
    }

    private static List<Long> listed(AccountView who) {
        return chat.rooms.visibleTo(who.id()).stream().map(v -> v.room().id()).toList();
    }
}
