package dev.parley.engine;

/** The Engine.IO error answers to a bad HTTP request, with the code and message the reference server uses. */
public enum EngineError {
    UNKNOWN_TRANSPORT(400, "Transport unknown"),
    UNKNOWN_SID(400, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(400, "Bad handshake method"),
    BAD_REQUEST(400, "Bad request"),
    FORBIDDEN(403, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(400, "Unsupported protocol version");

    private final int httpStatus;
    private final String message;

    EngineError(int httpStatus, String message) {
        this.httpStatus = httpStatus;
        this.message = message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }

    public String json() {
        return "{\"code\":" + ordinal() + ",\"message\":\"" + message + "\"}";
    }
}
