package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reactions to messages, on H2 and on PostgreSQL: who may, what history shows, what is told. */
class ReactionsIT extends TwoPeopleAndARoom {

    @Test
    void reactionsAreStoredShownInHistoryAndToldOnceEach() {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "lunch?", null).message();
        UserRef a = ref(alice);
        UserRef b = ref(bob);

        List<ReactionView> first = chat.reactions.react(room.id(), sent.id(), bob.id(), "👍", true);
        assertEquals(List.of(new ReactionView("👍", List.of(b))), first);
        chat.reactions.react(room.id(), sent.id(), alice.id(), "🎉", true);
        List<ReactionView> both = chat.reactions.react(room.id(), sent.id(), alice.id(), "👍", true);
        List<ReactionView> expected = List.of(new ReactionView("👍", List.of(b, a)), new ReactionView("🎉", List.of(a)));
        assertEquals(expected, both, "an emoji keeps its place; its people come in the order they reacted");
        assertEquals(expected, chat.messages.recent(room.id(), bob.id(), 1).get(0).reactions(), "history shows them");

        assertEquals(expected, chat.reactions.react(room.id(), sent.id(), bob.id(), "👍", true), "twice is once");
        assertEquals(List.of(new ReactionView("👍", List.of(b, a))),
                chat.reactions.react(room.id(), sent.id(), alice.id(), "🎉", false));
        assertEquals(List.of(new ReactionView("👍", List.of(b, a))),
                chat.reactions.react(room.id(), sent.id(), alice.id(), "🎉", false), "taking back none changes nothing");
        assertEquals(3 + 1, told(sent.id()).size(), "each change told once, nothing for what changed nothing");
        assertEquals(new ReactionsChanged(room.id(), sent.id(), List.of(new ReactionView("👍", List.of(b, a)))),
                told(sent.id()).get(3), "with the reactions as they now are");

        MessageView quiet = chat.messages.append(room.id(), bob.id(), "no one cares", null).message();
        List<MessageView> changed = chat.messages.history(room.id(), bob.id(),
                PageRequest.of(quiet.id() + 1, sent.id() - 1, 50, true)).messages();
        assertEquals(List.of(sent.id()), changed.stream().map(MessageView::id).toList(),
                "reacted to: among the changes a client back from away asks for");
        assertEquals(List.of(new ReactionView("👍", List.of(b, a))), changed.get(0).reactions());
        assertNull(chat.messages.recent(room.id(), alice.id(), 1).get(0).reactions(), "none: left out");
        assertEquals(quiet.id(), chat.messages.recent(room.id(), alice.id(), 1).get(0).id());
    }

    @Test
    void badEmojiForeignRoomsAndDeletedMessagesAreRefused() {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "hi", null).message();
        RoomView closed = chat.rooms.create(alice.id(), ChatFixture.unique("closed"), true);
        MessageView secret = chat.messages.append(closed.id(), alice.id(), "shh", null).message();
        RoomView other = chat.rooms.create(alice.id(), ChatFixture.unique("other"), false);

        for (Object bad : new Object[]{"", "ok", "👍 nice", "1️⃣", "\ud83d", 42, null, "👍".repeat(17)}) {
            assertRefused(ChatError.INVALID, () -> chat.reactions.react(room.id(), sent.id(), bob.id(), bad, true));
        }
        for (String good : List.of("❤️", "👍🏽", "👨‍👩‍👧", "🇫🇷", "✅")) {
            chat.reactions.react(room.id(), sent.id(), bob.id(), good, true);
        }
        assertRefused(ChatError.FORBIDDEN, () -> chat.reactions.react(closed.id(), secret.id(), bob.id(), "👀", true));
        assertRefused(ChatError.NOT_FOUND, () -> chat.reactions.react(other.id(), sent.id(), bob.id(), "👀", true));
        assertRefused(ChatError.NOT_FOUND, () -> chat.reactions.react(room.id(), Long.MAX_VALUE, bob.id(), "👀", true));

        chat.messages.delete(room.id(), sent.id(), alice.id(), false);
        assertNull(chat.messages.recent(room.id(), bob.id(), 1).get(0).reactions(), "gone with the text");
        assertRefused(ChatError.NOT_FOUND, () -> chat.reactions.react(room.id(), sent.id(), bob.id(), "👀", true));
        assertEquals(5, told(sent.id()).size(), "only the five that were made");
    }

    @Test
    void aMessageHasAtMostTwentyKindsOfReaction() {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "vote", null).message();
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < Reactions.MAX_KINDS; i++) {
            twenty.add(Character.toString(0x1F600 + i)); // 😀 and on
        }
        for (String emoji : twenty) {
            chat.reactions.react(room.id(), sent.id(), alice.id(), emoji, true);
        }

        assertRefused(ChatError.INVALID, () -> chat.reactions.react(room.id(), sent.id(), bob.id(), "🦄", true));
        assertEquals(2, chat.reactions.react(room.id(), sent.id(), bob.id(), twenty.get(0), true).get(0).users().size(),
                "one of the twenty may still gain people");
    }

    /** Many people adding the same emoji at once: each counted once, and the last told is what is stored. */
    @Test
    void reactionsAtOnceAreAllCountedAndTheLastToldIsTheTruth() throws Exception {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "ship it?", null).message();
        List<AccountView> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(chat.someone());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (AccountView person : people) {
                done.add(pool.submit(() -> {
                    go.await();
                    return chat.reactions.react(room.id(), sent.id(), person.id(), "🚀", true);
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ReactionView> stored = chat.messages.recent(room.id(), alice.id(), 1).get(0).reactions();
        assertEquals(8, stored.get(0).users().size());
        List<ReactionsChanged> told = told(sent.id());
        assertEquals(8, told.size());
        assertEquals(stored, told.get(told.size() - 1).reactions());
    }

    private static UserRef ref(AccountView account) {
        return new UserRef(account.id(), account.displayName());
    }

    private static List<ReactionsChanged> told(long messageId) {
        return chat.reacted.stream().filter(r -> r.messageId() == messageId).toList();
    }

    private static void assertRefused(ChatError error, Executable call) {
        assertEquals(error, assertThrows(ChatException.class, call).error());
    }
}
