package dev.parley.realtime;

/**
 * What a namespace does when an event cannot be handled: no handler for it, a payload that does not bind
 * to the handler's type, or a handler that threw. The socket stays connected either way.
 */
@FunctionalInterface
public interface EventErrorHandler {

    enum Kind { UNKNOWN_EVENT, INVALID_PAYLOAD, HANDLER_FAILED }

    void onError(Socket socket, String event, Kind kind, Exception cause, Ack ack);
}
