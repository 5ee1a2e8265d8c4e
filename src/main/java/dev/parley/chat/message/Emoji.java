package dev.parley.chat.message;

import dev.parley.chat.ChatException;

/**
 * What a reaction may be: one emoji as an emoji picker sends it, with its variation selector, skin tone, the
 * joiners of a family or a profession, a flag's pair of regional indicators or tag sequence. Symbols only: no
 * letters, digits (so no keycaps), spaces or controls, so a reaction cannot carry a message of its own.
 */
final class Emoji {

    static final int MAX_CODE_POINTS = 16;

    private Emoji() {
    }

    static String valid(Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            throw refused();
        }
        int count = 0;
        boolean symbol = false;
        for (int i = 0; i < text.length(); count++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.OTHER_SYMBOL) {
                symbol = true;
            } else if (!joins(cp)) {
                throw refused();
            }
        }
        if (!symbol || count > MAX_CODE_POINTS) {
            throw refused();
        }
        return text;
    }

    /** What goes with an emoji's symbols: joiner, variation selectors, keycap mark, skin tones, tags. */
    private static boolean joins(int cp) {
        return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    private static ChatException refused() {
        return ChatException.invalid("emoji is one emoji, such as \"👍\"");
    }
}
