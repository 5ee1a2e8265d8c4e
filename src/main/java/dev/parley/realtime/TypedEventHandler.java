package dev.parley.realtime;

/** Handles one client event whose first argument is bound to {@code T} with JSON-B. */
@FunctionalInterface
public interface TypedEventHandler<T> {
    void handle(T payload, Ack ack);
}
