package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import dev.parley.chat.Text;

/** The rules a message's text and client id must meet before anything is stored. */
public final class MessageText {

    public static final int DEFAULT_MAX_LENGTH = 4000;
    public static final int MAX_CLIENT_MSG_ID_LENGTH = 100;

    private final int maxLength;

    public MessageText(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("parley.chat.max-message-length must be positive, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /**
     * The text as it will be stored: trimmed, with something visible left, at most the configured length (in
     * code points), and stored exactly as acked ({@link Text#unstorable}).
     */
    public String validText(Object text) {
        if (!(text instanceof String string)) {
            throw ChatException.invalid("The message text must be a string");
        }
        String trimmed = Text.trim(string);
        if (Text.invisible(trimmed)) {
            throw ChatException.invalid("The message text is empty");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw ChatException.invalid("The message text is longer than " + maxLength + " characters");
        }
        String unstorable = Text.unstorable(trimmed);
        if (unstorable != null) {
            throw ChatException.invalid("The message text " + unstorable);
        }
        return trimmed;
    }

    /** An optional id the client chose; null or blank means "none". */
    public static String validClientMsgId(Object clientMsgId) {
        if (clientMsgId == null) {
            return null;
        }
        if (!(clientMsgId instanceof String string)) {
            throw ChatException.invalid("clientMsgId must be a string");
        }
        if (string.isBlank()) {
            return null;
        }
        if (string.length() > MAX_CLIENT_MSG_ID_LENGTH || !Text.isOneLine(string)) { // a retry finds the copy by it
            throw ChatException.invalid("clientMsgId is at most " + MAX_CLIENT_MSG_ID_LENGTH
                    + " printable characters");
        }
        return string;
    }
}
