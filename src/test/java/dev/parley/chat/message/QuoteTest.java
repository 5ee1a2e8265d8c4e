package dev.parley.chat.message;

import dev.parley.chat.account.UserRef;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuoteTest {

    private static final UserRef ALICE = new UserRef(1, "Alice");

    @Test
    void aLongTextIsCutToTwoHundredCodePointsWithAnEllipsis() {
        assertEquals("x".repeat(200), Quote.of(1, ALICE, "x".repeat(200), null).text());
        assertEquals("x".repeat(199) + "…", Quote.of(1, ALICE, "x".repeat(201), null).text());
        String emoji = "😀".repeat(201); // two chars each: cut between code points, never inside one
        assertEquals("😀".repeat(199) + "…", Quote.of(1, ALICE, emoji, null).text());
    }
}
