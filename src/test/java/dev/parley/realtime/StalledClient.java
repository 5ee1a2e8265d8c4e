package dev.parley.realtime;

import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.Transport;
import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.Frame;
import dev.parley.protocol.ProtocolException;

/** A client whose connection accepts packets but never writes any: its outbound queue only fills. */
final class StalledClient implements Transport {

    private final EngineSession session;

    StalledClient(EngineServer engine) {
        session = engine.open(this, FakeClient.HANDSHAKE);
    }

    EngineSession session() {
        return session;
    }

    void send(String socketIoPacket) throws ProtocolException {
        session.onPacket(this, EngineCodec.decode("4" + socketIoPacket));
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public void flush() {
    }

    @Override
    public void sendDirect(Frame frame) {
    }

    @Override
    public void close(boolean notifyClient) {
    }
}
