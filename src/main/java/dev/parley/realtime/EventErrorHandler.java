package dev.parley.realtime;

/**
 * What a namespace does when an event cannot be handled: no handler for it, a payload that does not bind
 * to the handler's type, a handler that threw, or a client over its packet budget ({@link PacketBudget}:
 * called for a dropped event that asked for an ack, and for the first drop of each second). The socket
 * stays connected (a client far over its budget is cut off by the connection).
 */
@FunctionalInterface
public interface EventErrorHandler {

    enum Kind { UNKNOWN_EVENT, INVALID_PAYLOAD, HANDLER_FAILED, RATE_LIMITED }

    void onError(Socket socket, String event, Kind kind, Exception cause, Ack ack);
}
