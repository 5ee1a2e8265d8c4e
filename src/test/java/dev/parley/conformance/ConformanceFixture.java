package dev.parley.conformance;

import dev.parley.engine.EngineMount;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.protocol.Frame;
import dev.parley.realtime.RealtimeSettings;
import dev.parley.realtime.SocketServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The server the official Engine.IO v4 and Socket.IO v5 test suites expect (their reference servers, in
 * Parley): at /socket.io/ the main namespace emits "auth" with the handshake auth, echoes "message" as
 * "message-back", acks "message-with-ack" with its arguments, answers "emit-with-ack" by emitting it back with
 * an ack expected, then the ack's arguments as "emit-with-ack"; /custom emits "auth"; at /engine.io/ a
 * raw Engine.IO server echoes every message. Test sources only: never part of the production WAR.
 */
@ApplicationScoped
public class ConformanceFixture {

    @Inject
    SocketServer io;

    @Inject
    RealtimeSettings settings;

    private ScheduledExecutorService timers;
    private EngineServer echo;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.of("/").onConnection(socket -> {
            socket.emit("auth", socket.handshake().auth());
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
            socket.on("emit-with-ack", (args, ack) -> socket.emitWithAck(Duration.ofSeconds(5), "emit-with-ack",
                    args.toArray()).thenAccept(answer -> socket.emit("emit-with-ack", answer.toArray())));
        });
        io.of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
    }

    @Produces
    EngineMount echoMount() {
        synchronized (this) {
            if (echo == null) {
                timers = Executors.newSingleThreadScheduledExecutor();
                echo = new EngineServer(settings.engine(), timers, EchoListener::new);
            }
        }
        return new EngineMount("/engine.io/", echo);
    }

    @PreDestroy
    void stop() {
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    /** Sends every message straight back, text as text and binary as binary. */
    private record EchoListener(EngineSession session) implements EngineSession.Listener {
        @Override
        public void onMessage(String text) {
            session.send(Frame.message(text));
        }

        @Override
        public void onBinary(byte[] data) {
            session.send(Frame.binary(data));
        }

        @Override
        public void onClose(String reason) {
        }
    }
}
