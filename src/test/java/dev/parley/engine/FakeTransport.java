package dev.parley.engine;

import dev.parley.protocol.Frame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A transport that writes into a list. Like the real ones it pulls whole packets from the session when
 * flushed, one writer at a time.
 */
final class FakeTransport implements Transport {

    private final String name;
    private volatile EngineSession session;
    private volatile boolean draining = true;
    private volatile Consumer<Frame> onWrite = frame -> { };
    final List<Frame> written = new CopyOnWriteArrayList<>();
    final List<Frame> direct = new CopyOnWriteArrayList<>();
    final List<Boolean> closes = new CopyOnWriteArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger upgradingCalls = new AtomicInteger();
    final AtomicInteger discards = new AtomicInteger();

    private FakeTransport(String name) {
        this.name = name;
    }

    static FakeTransport polling() {
        return new FakeTransport(EngineServer.TRANSPORT_POLLING);
    }

    static FakeTransport websocket() {
        return new FakeTransport(EngineServer.TRANSPORT_WEBSOCKET);
    }

    /** As the real transports do once the session exists: attach, then write what was queued meanwhile. */
    FakeTransport attach(EngineSession session) {
        this.session = session;
        flush();
        return this;
    }

    /** A client that stops reading: nothing leaves the session's queue any more. */
    FakeTransport stall() {
        draining = false;
        return this;
    }

    FakeTransport onWrite(Consumer<Frame> hook) {
        onWrite = hook;
        return this;
    }

    List<String> texts() {
        return written.stream().filter(f -> !f.isBinary()).map(Frame::text).toList();
    }

    boolean closed() {
        return !closes.isEmpty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void flush() {
        flushes.incrementAndGet();
        EngineSession current = session;
        if (current == null || !draining) {
            return;
        }
        List<Frame> packet;
        while ((packet = current.pollOutbound()) != null) {
            for (Frame frame : packet) {
                written.add(frame);
                onWrite.accept(frame);
            }
        }
    }

    @Override
    public void sendDirect(Frame frame) {
        direct.add(frame);
    }

    @Override
    public void close(boolean notifyClient) {
        closes.add(notifyClient);
    }

    @Override
    public void upgrading() {
        upgradingCalls.incrementAndGet();
    }

    @Override
    public void discard() {
        discards.incrementAndGet();
    }
}
