package dev.parley.chat;

/**
 * A request the chat refuses, with a short machine-readable {@link #error() code} that the REST layer
 * turns into a status and the socket handlers put into {@code { ok: false, error }}.
 */
public class ChatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ChatError error;

    public ChatException(ChatError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ChatError error() {
        return error;
    }

    public static ChatException notFound(String message) {
        return new ChatException(ChatError.NOT_FOUND, message);
    }

    public static ChatException forbidden(String message) {
        return new ChatException(ChatError.FORBIDDEN, message);
    }

    public static ChatException invalid(String message) {
        return new ChatException(ChatError.INVALID, message);
    }

    public static ChatException conflict(String message) {
        return new ChatException(ChatError.CONFLICT, message);
    }
}
