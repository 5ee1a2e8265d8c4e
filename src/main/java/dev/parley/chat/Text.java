package dev.parley.chat;

/**
 * What the chat's free text (messages, room names, display names) is checked against before it is stored, so
 * that what is stored and shown is exactly what was acked.
 */
public final class Text {

    private Text() {
    }

    /**
     * Without leading and trailing white space, as JavaScript's {@code trim()} (what the page and most clients
     * call) takes it off: Java's {@code strip()} leaves no-break spaces and the byte order mark.
     */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.charAt(start))) {
            start++;
        }
        while (end > start && blank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Nothing a reader would see: only white space and zero-width formatting characters, or nothing. */
    public static boolean invisible(String text) {
        return text.codePoints().allMatch(c -> blank(c) || Character.getType(c) == Character.FORMAT);
    }

    /**
     * Why the text cannot be stored as it is, or null. A lone surrogate would be stored as {@code ?} (every
     * database encodes text as UTF-8), NUL is refused by PostgreSQL, and other control characters but tab and
     * line breaks show as nothing, or garble a log or terminal that prints them.
     */
    public static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (an unpaired surrogate at " + i + ")";
            } else if (c == '\0') {
                return "contains a NUL character";
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    /** One line that stores as sent: no control character at all (tab and line breaks neither), no lone surrogate. */
    public static boolean isOneLine(String text) {
        return text.chars().noneMatch(Character::isISOControl) && unstorable(text) == null;
    }

    private static boolean blank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
