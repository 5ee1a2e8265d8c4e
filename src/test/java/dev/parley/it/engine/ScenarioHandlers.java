package dev.parley.it.engine;

import dev.parley.realtime.AckTimeoutException;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Test-only application on the engine, deployed with the WAR by {@link EngineIT}: the handlers the
 * Node scenarios (src/test/node/scenarios/engine.mjs) drive with the real socket.io-client.
 * Namespace "/scenarios" so it never meets the chat's own "/".
 */
@ApplicationScoped
public class ScenarioHandlers {

    @Inject
    SocketServer io;

    /** A typed payload, bound with JSON-B. */
    public static class Say {
        public String room;
        public String text;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of("/scenarios")
                .use((socket, next) -> {
                    Object token = socket.handshake().auth().get("token");
                    if ("bad".equals(token)) {
                        next.reject("Unauthorized", Map.of("reason", "bad token"));
                    } else {
                        socket.data().put("token", String.valueOf(token));
                        next.proceed();
                    }
                })
                .onEventError((socket, event, kind, cause, ack) -> {
                    ack.send(Map.of("ok", false, "error", kind.name()));
                    socket.emit("error", Map.of("message", kind.name() + ": " + event));
                })
                .onConnection(this::scenarios);
        io.of("/guarded").use((socket, next) -> next.reject("Forbidden"));
        io.of(Pattern.compile("/dyn-\\d+")).onConnection(socket ->
                socket.emit("hello", Map.of("namespace", socket.namespace().name())));
    }

    private void scenarios(Socket socket) {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("id", socket.id());
        hello.put("auth", socket.handshake().auth());
        hello.put("address", String.valueOf(socket.handshake().address()));
        hello.put("team", String.valueOf(socket.handshake().header("x-team"))); // sent as "X-Team"
        hello.put("headerNames", socket.handshake().headers().keySet().stream().sorted().toList());
        socket.emit("hello", hello);
        socket.on("join", (args, ack) -> {
            socket.join(String.valueOf(args.get(0)));
            ack.send(Map.of("ok", true, "rooms", socket.rooms().size()));
        });
        socket.on("leave", (args, ack) -> {
            socket.leave(String.valueOf(args.get(0)));
            ack.send(Map.of("ok", true));
        });
        socket.on("say", Say.class, (say, ack) -> {
            socket.to(say.room).emit("said", Map.of("from", socket.id(), "text", say.text));
            ack.send(Map.of("ok", true));
        });
        socket.on("say-to-two", (args, ack) -> {
            socket.namespace().to(String.valueOf(args.get(0)), String.valueOf(args.get(1))).emit("said-two", "once");
            ack.send(Map.of("ok", true));
        });
        socket.on("shout", (args, ack) -> socket.broadcast().emit("shouted", args.get(0)));
        socket.on("everyone", (args, ack) -> socket.namespace().emit("everyone", args.get(0)));
        socket.on("echo", (args, ack) -> ack.send(args.toArray()));
        socket.on("binary", (args, ack) -> socket.emit("binary-back", args.get(0), Map.of("nested", args.get(0))));
        socket.on("ask-client", (args, ack) -> {
            Duration timeout = Duration.ofMillis(((Number) args.get(0)).longValue());
            socket.emitWithAck(timeout, "question", "what is 6*7?").whenComplete((answer, error) -> {
                if (error != null) {
                    ack.send(Map.of("ok", false, "error",
                            error instanceof AckTimeoutException ? "timeout" : error.getMessage()));
                } else {
                    ack.send(Map.of("ok", true, "answer", answer));
                }
            });
        });
        // Small frames with large ones among them, text and binary, in order; the small ones are broadcasts
        // (to the socket's own room), which a busy connection's writer may hold back to share a write.
        socket.on("burst", (args, ack) -> {
            int count = ((Number) args.get(0)).intValue();
            for (int i = 0; i < count; i++) {
                switch (i % 5) {
                    case 2 -> socket.emit("item", i, "x".repeat(100_000));
                    case 4 -> socket.emit("item", i, new byte[70_000]);
                    default -> socket.namespace().to(socket.id()).emit("item", i, "é".repeat(i));
                }
            }
        });
        socket.on("small-burst", (args, ack) -> { // broadcasts only, to the socket's own room
            int count = ((Number) args.get(0)).intValue();
            for (int i = 0; i < count; i++) {
                socket.namespace().to(socket.id()).emit("item", i, "é".repeat(i));
            }
        });
        socket.on("drop-me", (args, ack) -> socket.disconnectAll());
        socket.on("leave-namespace", (args, ack) -> socket.disconnect());
        socket.on("fail", (args, ack) -> {
            throw new IllegalStateException("handler failure on purpose");
        });
    }
}
