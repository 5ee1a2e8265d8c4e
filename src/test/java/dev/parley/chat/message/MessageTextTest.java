package dev.parley.chat.message;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageTextTest {

    private final MessageText rules = new MessageText(10);

    @Test
    void textIsStoredTrimmed() {
        assertEquals("hi there", rules.validText("  \n hi there \t "));
    }

    @Test
    void emptyOrBlankTextIsRefused() {
        assertInvalid("");
        assertInvalid(" \n\t\u2003 ");
        assertInvalid(null);
    }

    @Test
    void onlyStringsAreText() {
        assertInvalid(42);
        assertInvalid(java.util.Map.of("text", "nested"));
    }

    @Test
    void lengthIsCountedInCharactersAsPeopleSeeThem() {
        assertEquals("😀".repeat(10), rules.validText("😀".repeat(10)));
        assertInvalid("😀".repeat(11));
        assertInvalid("x".repeat(11));
    }

    @Test
    void theDefaultLimitIs4000() {
        MessageText defaults = new MessageText(MessageText.DEFAULT_MAX_LENGTH);
        assertEquals(4000, defaults.validText("x".repeat(4000)).length());
        assertThrows(ChatException.class, () -> defaults.validText("x".repeat(4001)));
    }

    @Test
    void textIsTrimmedAsJavaScriptTrimsIt() {
        assertEquals("hi", rules.validText("\u00a0hi\ufeff\u202f"));
    }

    @Test
    void textWithNothingVisibleIsEmpty() {
        assertInvalid("\u00a0\u00a0");
        assertInvalid("\u200b\u200d\u2060");
        assertInvalid("\ufeff");
    }

    @Test
    void nulAndOtherControlCharactersAreRefusedButTabsAndLineBreaksKept() {
        assertInvalid("a\0b");
        assertInvalid("bell\u0007");
        assertInvalid("\u001b[31mred");
        assertInvalid("next line\u0085");
        assertEquals("a\tb\r\nc", rules.validText("a\tb\r\nc"));
    }

    /** Stored as '?' by every database, it would not be what was acked and broadcast. */
    @Test
    void unpairedSurrogatesAreRefusedAndPairsKept() {
        assertInvalid("half \ud83d");
        assertInvalid("\ude00 half");
        assertInvalid("\ude00\ud83d");
        assertEquals("pair \ud83d\ude00", rules.validText("pair \ud83d\ude00"));
    }

    @Test
    void clientMsgIdIsOptionalButBounded() {
        assertNull(MessageText.validClientMsgId(null));
        assertNull(MessageText.validClientMsgId("   "));
        assertEquals("abc-123", MessageText.validClientMsgId("abc-123"));
        assertThrows(ChatException.class, () -> MessageText.validClientMsgId(7));
        assertThrows(ChatException.class, () -> MessageText.validClientMsgId("x".repeat(101)));
        assertThrows(ChatException.class, () -> MessageText.validClientMsgId("line\nbreak"));
        assertThrows(ChatException.class, () -> MessageText.validClientMsgId("c-\ud800"));
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new MessageText(0));
    }

    private void assertInvalid(Object text) {
        ChatException e = assertThrows(ChatException.class, () -> rules.validText(text));
        assertEquals(ChatError.INVALID, e.error());
    }
}
