package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.account.UserRef;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Replies, on H2 and on PostgreSQL: what a reply shows of the message it answers, now and in history. */
class RepliesIT extends TwoPeopleAndARoom {

    @Test
    void aReplyCarriesWhatItAnswersAndHistoryShowsItAsItNowIs() {
        MessageView question = chat.messages.append(room.id(), alice.id(), "lunch at noon?", null).message();
        MessageView reply = chat.messages.append(room.id(), bob.id(), "yes!", null, question.id()).message();

        Quote asSent = new Quote(question.id(), new UserRef(alice.id(), alice.displayName()), "lunch at noon?", null);
        assertEquals(asSent, reply.replyTo(), "the live message carries it");
        assertEquals(List.of(asSent), replyTos(), "and so does history");
        assertNull(chat.messages.recent(room.id(), bob.id(), 2).get(0).replyTo(), "the question answers nothing");

        chat.messages.edit(room.id(), question.id(), alice.id(), "lunch at one?");
        assertEquals("lunch at one?", replyTos().get(0).text(), "history: the question as it now is");
        chat.messages.delete(room.id(), question.id(), alice.id(), false);
        Quote gone = replyTos().get(0);
        assertEquals("", gone.text());
        assertNotNull(gone.deletedAt());
    }

    @Test
    void aRetryAnswersWithTheSameReply() {
        MessageView question = chat.messages.append(room.id(), alice.id(), "ready?", null).message();
        MessageView first = chat.messages.append(room.id(), bob.id(), "yes", "r-1", question.id()).message();
        Appended again = chat.messages.append(room.id(), bob.id(), "yes", "r-1", question.id());

        assertEquals(true, again.duplicate());
        assertEquals(first, again.message());
    }

    @Test
    void aReplyAnswersAMessageThereInTheSameRoom() {
        MessageView here = chat.messages.append(room.id(), alice.id(), "here", null).message();
        RoomView other = chat.rooms.create(alice.id(), ChatFixture.unique("other"), false);
        MessageView elsewhere = chat.messages.append(other.id(), alice.id(), "elsewhere", null).message();
        RoomView closed = chat.rooms.create(alice.id(), ChatFixture.unique("closed"), true);
        MessageView secret = chat.messages.append(closed.id(), alice.id(), "secret", null).message();

        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.append(room.id(), bob.id(), "re", null, elsewhere.id()));
        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.append(room.id(), bob.id(), "re", null, Long.MAX_VALUE));
        assertRefused(ChatError.FORBIDDEN, () -> chat.messages.append(closed.id(), bob.id(), "re", null, secret.id()));
        chat.messages.delete(room.id(), here.id(), alice.id(), false);
        assertRefused(ChatError.NOT_FOUND, () -> chat.messages.append(room.id(), bob.id(), "re", null, here.id()));
        assertEquals(List.of(here.id()), chat.messages.recent(room.id(), bob.id(), 10).stream().map(MessageView::id).toList(),
                "nothing stored");
    }

    private List<Quote> replyTos() {
        return chat.messages.recent(room.id(), bob.id(), 10).stream().map(MessageView::replyTo)
                .filter(q -> q != null).toList();
    }

    private static void assertRefused(ChatError error, Executable call) {
        assertEquals(error, assertThrows(ChatException.class, call).error());
    }
}
