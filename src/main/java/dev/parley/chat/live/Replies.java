package dev.parley.chat.live;

import dev.parley.chat.ChatException;
import dev.parley.realtime.Ack;
import dev.parley.realtime.Socket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the chat answers a client event: the ack {@code { ok: true, ... }} on success; on refusal the ack
 * {@code { ok: false, error, message }} plus an {@code error} event, with the socket left connected.
 */
final class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());
    private static final RefusalLog REFUSALS = new RefusalLog(20);

    private Replies() {
    }

    /** Runs {@code action}; its map (without "ok") is the success ack. */
    static void answer(Socket socket, String event, Ack ack, Supplier<Map<String, Object>> action) {
        Map<String, Object> result;
        try {
            result = action.get();
        } catch (ChatException e) {
            refuse(socket, event, ack, e.error().code(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "'" + event + "' failed for socket " + socket.id(), e);
            refuse(socket, event, ack, "Internal", "The server could not handle '" + event + "'");
            return;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.putAll(result);
        ack.send(reply);
    }

    /**
     * As {@link #answer}, for work that completes later (a message acked once its group commit is done):
     * input refused at once or later gets the same refusal.
     */
    static void answerLater(Socket socket, String event, Ack ack,
                            Supplier<CompletionStage<Map<String, Object>>> action) {
        CompletionStage<Map<String, Object>> pending;
        try {
            pending = action.get();
        } catch (RuntimeException e) {
            answer(socket, event, ack, () -> {
                throw e;
            });
            return;
        }
        pending.whenComplete((result, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            answer(socket, event, ack, () -> {
                if (cause instanceof RuntimeException failure) {
                    throw failure;
                }
                if (cause != null) {
                    throw new IllegalStateException(cause);
                }
                return result;
            });
        });
    }

    static void refuse(Socket socket, String event, Ack ack, String error, String message) {
        REFUSALS.log(System.nanoTime(), leftOut -> LOG.info(() -> "'" + event + "' refused for socket " + socket.id()
                + ": " + error + " " + message + (leftOut > 0 ? " (" + leftOut + " refusals before it not logged)" : "")));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", false);
        reply.put("error", error);
        reply.put("message", message);
        ack.send(reply);
        socket.emit("error", Map.of("message", message, "error", error, "event", event));
    }
}
