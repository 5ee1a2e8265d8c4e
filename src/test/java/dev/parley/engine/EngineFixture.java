package dev.parley.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Engine.IO server on a real timer thread pool, with every new session's listener recorded. */
final class EngineFixture implements AutoCloseable {

    static final HandshakeData HANDSHAKE = new HandshakeData(java.util.Map.of(), java.util.Map.of(), "127.0.0.1",
            java.util.Map.of());

    final ScheduledExecutorService timers = new ScheduledThreadPoolExecutor(2);
    final EngineServer server;
    final List<RecordingListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    EngineFixture(EngineConfig config) {
        server = new EngineServer(config, timers, session -> {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            return listener;
        });
    }

    static EngineConfig config(long pingIntervalMillis, long pingTimeoutMillis, int outboundLimit,
                               long upgradeTimeoutMillis) {
        return new EngineConfig(Duration.ofMillis(pingIntervalMillis), Duration.ofMillis(pingTimeoutMillis), 1_000_000,
                outboundLimit, Duration.ofMillis(upgradeTimeoutMillis), List.of());
    }

    /** Long intervals: nothing fires on its own during a test. */
    static EngineFixture quiet() {
        return new EngineFixture(config(60_000, 60_000, 1_000, 60_000));
    }

    EngineSession open(FakeTransport transport) {
        EngineSession session = server.open(transport, HANDSHAKE);
        transport.attach(session);
        return session;
    }

    RecordingListener listener(int index) {
        return listeners.get(index);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
