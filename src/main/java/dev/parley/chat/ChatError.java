package dev.parley.chat;

/** Why the chat refused a request; {@link #code()} is what clients see. */
public enum ChatError {
    NOT_FOUND("NotFound", 404),
    FORBIDDEN("Forbidden", 403),
    INVALID("Invalid", 400),
    CONFLICT("Conflict", 409),
    UNAUTHORIZED("Unauthorized", 401),
    RATE_LIMITED("RateLimited", 429);

    private final String code;
    private final int httpStatus;

    ChatError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
