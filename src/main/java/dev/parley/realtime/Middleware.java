package dev.parley.realtime;

/**
 * Runs for every socket connecting to a namespace, before it is admitted. Call {@code next.proceed()} to
 * admit it, or {@code next.reject(...)} to refuse: the client then gets {@code connect_error} with that
 * message. Either may be called later, from another thread.
 */
@FunctionalInterface
public interface Middleware {

    void handle(Socket socket, Next next);

    interface Next {
        void proceed();

        default void reject(String message) {
            reject(message, null);
        }

        /** {@code data} reaches the client as {@code err.data}. */
        void reject(String message, Object data);
    }
}
