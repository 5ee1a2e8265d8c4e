package dev.parley.realtime;

/** The client did not acknowledge an event within the timeout given to {@link Socket#emitWithAck}. */
public class AckTimeoutException extends RuntimeException {
    public AckTimeoutException(String event) {
        super("no acknowledgement of '" + event + "' in time");
    }
}
