package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmojiTest {

    @Test
    void oneEmojiAsPickersSendItIsAReaction() {
        // a plain one, with a variation selector, a skin tone, a ZWJ family, a flag, a tag flag, a check mark
        for (String emoji : List.of("👍", "❤️", "👍🏽", "👨‍👩‍👧", "🇫🇷", "🏴\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f", "✅")) {
            assertEquals(emoji, Emoji.valid(emoji));
        }
    }

    @Test
    void wordsDigitsSpacesControlsAndHalvesAreNot() {
        for (Object bad : new Object[]{null, 7, "", "+1", "ok", "👍 ", " 👍", "1️⃣", "\u200d", "\ufe0f", "\ud83d",
                "👍\u0000", "👍".repeat(Emoji.MAX_CODE_POINTS + 1)}) {
            assertThrows(ChatException.class, () -> Emoji.valid(bad), String.valueOf(bad));
        }
    }
}
