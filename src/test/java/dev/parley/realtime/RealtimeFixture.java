package dev.parley.realtime;

import dev.parley.engine.EngineConfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A SocketServer outside any container: its registry's CDI event replaced by a recorder. */
final class RealtimeFixture implements AutoCloseable {

    final SocketRegistry registry = new SocketRegistry();
    final List<PresenceChanged> presence = new CopyOnWriteArrayList<>();
    final SocketServer io;

    RealtimeFixture() {
        this(Duration.ofSeconds(45), EngineConfig.defaults());
    }

    RealtimeFixture(Duration connectTimeout, EngineConfig engine) {
        this(new RealtimeSettings("/socket.io/", engine, connectTimeout));
    }

    /** With Socket.IO's connection state recovery on, for this window. */
    static RealtimeFixture withRecovery(Duration window) {
        return new RealtimeFixture(new RealtimeSettings("/socket.io/", EngineConfig.defaults(), Duration.ofSeconds(45),
                window));
    }

    /** With this packet budget per connection (0: none). */
    static RealtimeFixture withPacketRate(int perSecond) {
        return new RealtimeFixture(new RealtimeSettings("/socket.io/", EngineConfig.defaults(), Duration.ofSeconds(45),
                Duration.ZERO, perSecond));
    }

    /** One of several instances sharing rooms through the Redis server at {@code redis}. */
    static RealtimeFixture withRedis(java.net.URI redis) {
        return new RealtimeFixture(new RealtimeSettings("/socket.io/", EngineConfig.defaults(), Duration.ofSeconds(45),
                Duration.ZERO, RealtimeSettings.DEFAULT_PACKET_RATE, redis));
    }

    private RealtimeFixture(RealtimeSettings settings) {
        registry.presence = new RecordingEvent<>(presence);
        io = new SocketServer(settings, registry);
    }

    FakeClient client() {
        return new FakeClient(io.engine());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        io.shutdown();
    }
}
