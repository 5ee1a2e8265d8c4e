package dev.parley.chat;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the chat refuses, with a short machine-readable {@link #error() code} that the REST layer
 * turns into a status and the socket handlers put into {@code { ok: false, error }}.
 */
public class ChatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ChatError error;
    /** For {@link ChatError#RATE_LIMITED}: how long until one more is allowed, at most; else null. */
    private final transient Duration retryAfter;

    public ChatException(ChatError error, String message) {
        this(error, message, null);
    }

    private ChatException(ChatError error, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ChatError error() {
        return error;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ChatException rateLimited(String message, Duration retryAfter) {
        return new ChatException(ChatError.RATE_LIMITED, message, retryAfter);
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
