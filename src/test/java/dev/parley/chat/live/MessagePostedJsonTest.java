package dev.parley.chat.live;

import dev.parley.chat.account.UserRef;
import dev.parley.chat.message.MessageView;
import dev.parley.chat.message.Quote;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the other instances learn of a stored message, for their own users' notifications. */
class MessagePostedJsonTest {

    private static final UserRef BOB = new UserRef(2, "Bob \"the builder\"");

    @Test
    void aMessageCrossesAsItWas() {
        MessageView plain = new MessageView(7, 3, BOB, "hi\n@alice ✅", Instant.parse("2026-12-06T06:00:00.123Z"), "c-1");
        assertEquals(plain, ChatEvents.fromJson(ChatEvents.toJson(plain)));
    }

    @Test
    void aReplyCrossesWithWhatItAnswersSoItsAuthorIsToldThere() {
        Quote quote = new Quote(5, new UserRef(1, "Alice"), "who has the keys?", null);
        MessageView reply = new MessageView(8, 3, BOB, "I do", Instant.parse("2026-12-06T06:00:01Z"), null,
                null, null, quote, null);
        assertEquals(reply, ChatEvents.fromJson(ChatEvents.toJson(reply)));
    }
}
