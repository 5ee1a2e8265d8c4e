package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edits and deletions of stored messages, on H2 and on PostgreSQL: who may, what is kept, what is told. */
class MessageChangesIT extends TwoPeopleAndARoom {

    @Test
    void anEditIsStoredShownInHistoryAndToldOnce() {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "helo", null).message();

        Revision edited = chat.messages.edit(room.id(), sent.id(), alice.id(), "  hello  ");

        assertTrue(edited.changed());
        assertEquals("hello", edited.message().text(), "trimmed as a new message is");
        assertNotNull(edited.message().editedAt());
        assertNull(edited.message().deletedAt());
        assertEquals(sent.createdAt(), edited.message().createdAt(), "its place in the room stays");
        assertEquals(List.of(edited.message()), chat.messages.recent(room.id(), bob.id(), 1),
                "history reads back exactly what the edit answered");
        assertEquals(List.of(new MessageChanged(edited.message(), alice.id())), toldAbout(sent.id()));

        Revision again = chat.messages.edit(room.id(), sent.id(), alice.id(), "hello");
        assertFalse(again.changed(), "the same text is no edit");
        assertEquals(edited.message(), again.message());
        assertEquals(1, toldAbout(sent.id()).size(), "and is not told");
    }

    @Test
    void onlyItsAuthorEditsAMessageAndRefusedEditsChangeNothing() {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "mine", null).message();
        AccountView admin = chat.accounts.create(ChatFixture.unique("adm"), "Admin", "correct horse", true);

        assertRefused(ChatError.FORBIDDEN, () -> chat.messages.edit(room.id(), sent.id(), bob.id(), "bob's"));
        assertRefused(ChatError.FORBIDDEN, () -> chat.messages.edit(room.id(), sent.id(), admin.id(), "admin's"));
        assertRefused(ChatError.INVALID, () -> chat.messages.edit(room.id(), sent.id(), alice.id(), "   "));
        assertRefused(ChatError.INVALID, () -> chat.messages.edit(room.id(), sent.id(), alice.id(), "x".repeat(21)));
        assertRefused(ChatError.INVALID, () -> chat.messages.edit(room.id(), sent.id(), alice.id(), 42));

        assertEquals(List.of(sent), chat.messages.recent(room.id(), alice.id(), 1));
        assertEquals(List.of(), toldAbout(sent.id()));
    }

    @Test
    void aMessageIsChangedOnlyThroughItsOwnRoom() {
        MessageView sent = chat.messages.append(room.id(), alice.id(), "here", null).message();
        RoomView other = chat.rooms.create(alice.id(), ChatFixture.unique("other"), false);

        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.edit(other.id(), sent.id(), alice.id(), "moved?"));
        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.delete(other.id(), sent.id(), alice.id(), false));
        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.edit(room.id(), Long.MAX_VALUE, alice.id(), "none"));
        assertEquals(List.of(sent), chat.messages.recent(room.id(), alice.id(), 1));
    }

    @Test
    void aPrivateRoomsMessagesAreChangedOnlyByItsMembers() {
        RoomView secret = chat.rooms.create(alice.id(), ChatFixture.unique("secret"), true);
        MessageView sent = chat.messages.append(secret.id(), alice.id(), "between us", null).message();
        AccountView admin = chat.accounts.create(ChatFixture.unique("adm"), "Admin", "correct horse", true);

        assertRefused(ChatError.FORBIDDEN, () -> chat.messages.delete(secret.id(), sent.id(), admin.id(), true));
        assertEquals("between us", chat.messages.recent(secret.id(), alice.id(), 1).get(0).text());
    }

    @Test
    void aDeletedMessageKeepsItsPlaceWithoutItsTextAndCannotBeEdited() throws SQLException {
        MessageView first = chat.messages.append(room.id(), alice.id(), "first", null).message();
        MessageView secret = chat.messages.append(room.id(), alice.id(), "oops, a password", "c-del").message();
        MessageView third = chat.messages.append(room.id(), bob.id(), "third", null).message();

        Revision deleted = chat.messages.delete(room.id(), secret.id(), alice.id(), false);

        assertTrue(deleted.changed());
        assertEquals("", deleted.message().text());
        assertNotNull(deleted.message().deletedAt());
        assertEquals("", storedBody(secret.id()), "the text is kept nowhere");
        assertEquals(List.of(first.id(), secret.id(), third.id()),
                chat.messages.recent(room.id(), bob.id(), 3).stream().map(MessageView::id).toList(),
                "a tombstone in its place, so pages that hold it learn it is gone");
        assertEquals(deleted.message(), chat.messages.recent(room.id(), bob.id(), 3).get(1));
        assertEquals(List.of(new MessageChanged(deleted.message(), alice.id())), toldAbout(secret.id()));

        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.edit(room.id(), secret.id(), alice.id(), "back"));
        Revision again = chat.messages.delete(room.id(), secret.id(), alice.id(), false);
        assertFalse(again.changed());
        assertEquals(deleted.message(), again.message(), "deleted when first deleted");
        assertEquals(1, toldAbout(secret.id()).size());
        assertEquals(deleted.message(), chat.messages.append(room.id(), alice.id(), "oops, a password", "c-del").message(),
                "a late retry of it answers with the tombstone and stores nothing");
    }

    @Test
    void othersMayNotDeleteAMessageButAnAdministratorMay() {
        MessageView sent = chat.messages.append(room.id(), bob.id(), "spam", null).message();
        AccountView admin = chat.accounts.create(ChatFixture.unique("adm"), "Admin", "correct horse", true);

        assertRefused(ChatError.FORBIDDEN, () -> chat.messages.delete(room.id(), sent.id(), alice.id(), false));
        assertEquals("spam", chat.messages.recent(room.id(), alice.id(), 1).get(0).text(),
                "not even the room's creator");

        Revision removed = chat.messages.delete(room.id(), sent.id(), admin.id(), true);
        assertTrue(removed.changed());
        assertEquals(List.of(new MessageChanged(removed.message(), admin.id())), toldAbout(sent.id()), "told as his");
        assertEquals(bob.id(), removed.message().user().id(), "still bob's message, without its text");
    }

    @Test
    void deletedMessagesAreNotUnread() {
        MessageView one = chat.messages.append(room.id(), alice.id(), "one", null).message();
        chat.messages.append(room.id(), alice.id(), "two", null);
        MessageView three = chat.messages.append(room.id(), alice.id(), "three", null).message();
        var visible = chat.rooms.visibleTo(bob.id()).stream().filter(r -> r.room().id() == room.id()).toList();
        assertEquals(3L, chat.messages.unreadCounts(bob.id(), visible).get(room.id()));

        chat.messages.delete(room.id(), three.id(), alice.id(), false);
        assertEquals(2L, chat.messages.unreadCounts(bob.id(), visible).get(room.id()), "without a read mark");

        chat.messages.markRead(room.id(), bob.id(), one.id());
        visible = chat.rooms.visibleTo(bob.id()).stream().filter(r -> r.room().id() == room.id()).toList();
        assertEquals(1L, chat.messages.unreadCounts(bob.id(), visible).get(room.id()), "and after one");
    }

    /**
     * An edit and a deletion of one message at once, many times over: whichever commits last, a deleted message
     * never has its text back (each takes the message's row lock).
     */
    @Test
    void anEditRacingADeletionNeverBringsTheTextBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                MessageView sent = chat.messages.append(room.id(), alice.id(), "race " + i, null).message();
                Callable<Object> edit = () -> chat.messages.edit(room.id(), sent.id(), alice.id(), "edited");
                Callable<Object> delete = () -> chat.messages.delete(room.id(), sent.id(), alice.id(), false);
                Future<Object> edited = pool.submit(edit);
                Future<Object> deleted = pool.submit(delete);
                deleted.get();
                try {
                    edited.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertEquals(ChatError.NOT_FOUND, ((ChatException) e.getCause()).error(), "edit came second");
                }
                MessageView stored = chat.messages.recent(room.id(), alice.id(), 1).get(0);
                assertNotNull(stored.deletedAt());
                assertEquals("", stored.text());
                assertEquals("", storedBody(sent.id()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<MessageChanged> toldAbout(long messageId) {
        return chat.changed.stream().filter(c -> c.message().id() == messageId).toList();
    }

    private static void assertRefused(ChatError expected, Runnable action) {
        assertEquals(expected, assertThrows(ChatException.class, action::run).error());
    }

    private static String storedBody(long id) throws SQLException {
        try (Connection c = chat.database.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT body FROM messages WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }
}
