package dev.parley.realtime;

import dev.parley.engine.EngineSession;
import dev.parley.engine.HandshakeData;
import dev.parley.engine.Transport;
import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.EnginePacket;
import dev.parley.protocol.Frame;
import dev.parley.protocol.JsonReader;
import dev.parley.protocol.ProtocolException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static dev.parley.realtime.RealtimeFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Engine.IO connection seen from the client side, without a network: what the test sends goes to the
 * session as if read from a WebSocket; what the server writes is pulled from the session's queue packet by
 * packet, as the real transports do, and recorded (the very List instances, to check encode-once).
 */
final class FakeClient implements Transport {

    static final HandshakeData HANDSHAKE = new HandshakeData(Map.of("EIO", List.of("4")),
            Map.of("User-Agent", List.of("fake")), "10.0.0.1", Map.of());

    private volatile EngineSession session;
    final List<List<Frame>> packets = new CopyOnWriteArrayList<>();
    final List<Boolean> closes = new CopyOnWriteArrayList<>();

    FakeClient(dev.parley.engine.EngineServer engine) {
        this.session = engine.open(this, HANDSHAKE);
        flush();
    }

    EngineSession session() {
        return session;
    }

    /** Sends a Socket.IO packet (without the Engine.IO message digit). */
    FakeClient send(String socketIoPacket) {
        try {
            session.onPacket(this, EngineCodec.decode("4" + socketIoPacket));
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    FakeClient sendBinary(byte[] data) {
        session.onPacket(this, EnginePacket.binaryMessage(data));
        return this;
    }

    /** Connects to a namespace and returns the socket id the server answered with. */
    String connect(String namespace) throws InterruptedException {
        int before = messages().size();
        send("/".equals(namespace) ? "0" : "0" + namespace + ",");
        String prefix = "/".equals(namespace) ? "0{" : "0" + namespace + ",{";
        await("an answer to CONNECT " + namespace, () -> messages().size() > before);
        String reply = messages().get(before);
        assertTrue(reply.startsWith(prefix), "expected CONNECT reply, got " + reply);
        return (String) ((Map<?, ?>) json(reply.substring(prefix.length() - 1))).get("sid");
    }

    /** Socket.IO packets received (text frames of Engine.IO messages, without the 4), oldest first. */
    List<String> messages() {
        return packets.stream().flatMap(List::stream).filter(f -> !f.isBinary())
                .map(Frame::text).filter(t -> t.startsWith("4")).map(t -> t.substring(1)).toList();
    }

    /** Socket.IO packets received after the namespace handshakes: events, acks, disconnects. */
    List<String> events() {
        return messages().stream().filter(m -> !m.startsWith("0")).toList();
    }

    String awaitMessage(Predicate<String> which) throws InterruptedException {
        await("a matching packet among " + messages(), () -> messages().stream().anyMatch(which));
        return messages().stream().filter(which).findFirst().orElseThrow();
    }

    void assertNoEvents() {
        assertEquals(List.of(), events());
    }

    boolean closed() {
        return !closes.isEmpty();
    }

    static Object json(String text) {
        try {
            return JsonReader.parse(text);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public synchronized void flush() {
        EngineSession current = session;
        if (current == null) {
            return;
        }
        List<Frame> packet;
        while ((packet = current.pollOutbound()) != null) {
            packets.add(packet);
        }
    }

    @Override
    public void sendDirect(Frame frame) {
        packets.add(List.of(frame));
    }

    @Override
    public void close(boolean notifyClient) {
        closes.add(notifyClient);
    }
}
