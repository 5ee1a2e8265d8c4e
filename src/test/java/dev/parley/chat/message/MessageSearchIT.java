package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding messages by their text, on every storage backend: what matches, in which rooms, page by page. */
class MessageSearchIT extends TwoPeopleAndARoom {

    private MessageSearch search() {
        return new MessageSearch(chat.database);
    }

    /** A word no other test's message has, so a search sees only this test's. */
    private String word() {
        return ChatFixture.unique("w").replace("-", "");
    }

    @Test
    void findsTheTextInAnyCaseNewestFirstPageByPage() {
        String word = word();
        List<Long> ids = List.of(
                post(room, alice.id(), "first " + word).id(),
                post(room, bob.id(), "SECOND " + word.toUpperCase()).id(),
                post(room, alice.id(), "third" + word + "!").id());
        post(room, alice.id(), "unrelated");

        List<Long> newestFirst = List.of(ids.get(2), ids.get(1), ids.get(0));
        MessagePage all = search().find(bob.id(), SearchRequest.of(word, null, null, null));
        assertEquals(newestFirst, ids(all));
        assertFalse(all.hasMore());

        MessagePage first = search().find(bob.id(), SearchRequest.of(" " + word + " ", null, null, 2));
        assertEquals(newestFirst.subList(0, 2), ids(first), "the query is trimmed");
        assertTrue(first.hasMore());
        MessagePage next = search().find(bob.id(), SearchRequest.of(word, null, first.messages().get(1).id(), 2));
        assertEquals(List.of(ids.get(0)), ids(next));
        assertFalse(next.hasMore());
    }

    @Test
    void deletedMessagesAreNeverFoundAndEditedOnesByTheirNewText() {
        String before = word();
        String after = word();
        MessageView edited = post(room, alice.id(), "was " + before);
        MessageView deleted = post(room, alice.id(), "gone " + after);
        chat.messages.edit(room.id(), edited.id(), alice.id(), "now " + after);
        chat.messages.delete(room.id(), deleted.id(), alice.id(), false);

        assertEquals(List.of(), ids(search().find(bob.id(), SearchRequest.of(before, null, null, null))));
        assertEquals(List.of(edited.id()), ids(search().find(bob.id(), SearchRequest.of(after, null, null, null))));
    }

    @Test
    void onlyRoomsTheReaderMayReadAreSearched() {
        String word = word();
        RoomView secret = chat.rooms.create(alice.id(), ChatFixture.unique("secret"), true);
        MessageView hidden = post(secret, alice.id(), "secret " + word);
        MessageView open = post(room, alice.id(), "open " + word);

        assertEquals(List.of(open.id()), ids(search().find(bob.id(), SearchRequest.of(word, null, null, null))),
                "not a private room he is not in");
        assertEquals(List.of(open.id(), hidden.id()),
                ids(search().find(alice.id(), SearchRequest.of(word, null, null, null))), "hers are");
        assertEquals(List.of(hidden.id()),
                ids(search().find(alice.id(), SearchRequest.of(word, secret.id(), null, null))), "in one room");
        assertRefused(ChatError.FORBIDDEN, () -> search().find(bob.id(), SearchRequest.of(word, secret.id(), null, null)));
        assertRefused(ChatError.NOT_FOUND, () -> search().find(bob.id(), SearchRequest.of(word, Long.MAX_VALUE, null, null)));
    }

    @Test
    void wildcardsAreTakenLiterally() {
        String word = word();
        MessageView percent = post(room, alice.id(), word + " 100%");
        MessageView underscore = post(room, alice.id(), word + " a_b");
        MessageView bang = post(room, alice.id(), word + " hi!");
        post(room, alice.id(), word + " 100 and ab");

        assertEquals(List.of(percent.id()), ids(search().find(bob.id(), SearchRequest.of(word + " 100%", null, null, null))));
        assertEquals(List.of(underscore.id()), ids(search().find(bob.id(), SearchRequest.of(word + " a_b", null, null, null))));
        assertEquals(List.of(bang.id()), ids(search().find(bob.id(), SearchRequest.of(word + " hi!", null, null, null))));
    }

    @Test
    void aQueryOrPageItCannotRunIsRefused() {
        for (String query : new String[] {null, "", "   ", "x".repeat(201)}) {
            assertRefused(ChatError.INVALID, () -> SearchRequest.of(query, null, null, null));
        }
        assertRefused(ChatError.INVALID, () -> SearchRequest.of("x", null, null, 0));
        assertRefused(ChatError.INVALID, () -> SearchRequest.of("x", null, null, 51));
        assertRefused(ChatError.INVALID, () -> SearchRequest.of("x", 0L, null, null));
        assertEquals("é".repeat(200), SearchRequest.of("é".repeat(200), null, null, null).query(), "characters, not bytes");
    }

    private MessageView post(RoomView where, long author, String text) {
        return chat.messages.append(where.id(), author, text, null).message();
    }

    private static List<Long> ids(MessagePage page) {
        return page.messages().stream().map(MessageView::id).toList();
    }

    private static void assertRefused(ChatError expected, Runnable action) {
        assertEquals(expected, assertThrows(ChatException.class, action::run).error());
    }
}
