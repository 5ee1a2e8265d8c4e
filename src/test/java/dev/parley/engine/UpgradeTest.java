package dev.parley.engine;

import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.EnginePacket;
import dev.parley.protocol.Frame;
import dev.parley.protocol.ProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.parley.engine.EngineFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upgrade from HTTP long-polling to WebSocket: 2probe, 3probe, no-op polls, 5. */
class UpgradeTest {

    private EngineFixture engine = new EngineFixture(EngineFixture.config(60_000, 60_000, 1_000, 60_000));
    private FakeTransport polling = FakeTransport.polling();
    private EngineSession session = engine.open(polling);

    @AfterEach
    void stop() {
        engine.close();
    }

    private static EnginePacket packet(String frame) throws ProtocolException {
        return EngineCodec.decode(frame);
    }

    @Test
    void probeUpgradeMovesTheSessionToTheWebSocketWithNothingLost() throws Exception {
        FakeTransport websocket = FakeTransport.websocket();
        assertTrue(session.beginProbe(websocket));
        websocket.attach(session);

        session.onPacket(websocket, packet("2probe"));
        assertEquals(List.of("3probe"), websocket.direct.stream().map(Frame::text).toList());
        assertTrue(session.isUpgrading());
        await("the parked poll is told to answer with a no-op", () -> polling.upgradingCalls.get() >= 2);

        // sent while the client switches: polling still carries it, as on Node (the client reads its last poll
        // before it sends the upgrade packet) ...
        session.send(Frame.message("during"));
        assertTrue(polling.texts().contains("4during"));
        // ... and once the client has stopped polling, what comes waits for the WebSocket
        polling.stall();
        session.send(Frame.message("paused"));
        assertEquals(List.of(), websocket.texts());

        session.onPacket(websocket, packet("5"));

        assertSame(websocket, session.transport());
        assertTrue(session.isUpgraded());
        assertFalse(session.isUpgrading());
        assertEquals(1, polling.discards.get(), "the polling transport is retired");
        assertEquals(List.of("4paused"), websocket.texts());
        Thread.sleep(150); // a no-op run already under way when the upgrade cancelled them may still finish
        int noopsAtUpgrade = polling.upgradingCalls.get();
        Thread.sleep(300);
        assertEquals(noopsAtUpgrade, polling.upgradingCalls.get(), "no-op polls stop with the upgrade");

        session.send(Frame.message("after"));
        assertEquals(List.of("4paused", "4after"), websocket.texts());
        session.onPacket(websocket, packet("4from client"));
        assertEquals(List.of("from client"), engine.listener(0).messages);
        assertTrue(session.isOpen());
    }

    @Test
    void pollingKeepsWorkingDuringTheProbeUntilTheUpgradePacket() throws ProtocolException {
        FakeTransport websocket = FakeTransport.websocket();
        session.beginProbe(websocket);
        session.onPacket(websocket, packet("2probe"));

        session.onPacket(polling, packet("4sent over polling"));

        assertEquals(List.of("sent over polling"), engine.listener(0).messages);
    }

    @Test
    void aSecondProbeIsRefusedWhileOneIsUnderWayAndAfterTheUpgrade() throws ProtocolException {
        FakeTransport first = FakeTransport.websocket();
        assertTrue(session.beginProbe(first));
        assertFalse(session.beginProbe(FakeTransport.websocket()));

        session.onPacket(first, packet("2probe"));
        session.onPacket(first, packet("5"));

        assertFalse(session.beginProbe(FakeTransport.websocket()));
    }

    @Test
    void packetsFromAWebSocketThatIsNotTheProbeCloseThatWebSocket() throws ProtocolException {
        FakeTransport probe = FakeTransport.websocket();
        FakeTransport stranger = FakeTransport.websocket();
        session.beginProbe(probe);

        session.onPacket(stranger, packet("2probe"));

        assertEquals(List.of(false), stranger.closes);
        assertEquals(List.of(), stranger.direct);
        assertTrue(session.isOpen());
        session.onPacket(probe, packet("2probe"));
        assertEquals(List.of("3probe"), probe.direct.stream().map(Frame::text).toList(), "the real probe goes on");
        assertTrue(session.isUpgrading());
    }

    /**
     * A proxy may let the WebSocket's upgrade through and then pass no frame: until its probe arrives,
     * polling carries everything, the server's pings too, or such a client would hear nothing until the upgrade
     * timeout and, with a ping timeout shorter than that, be dropped.
     */
    @Test
    void aWebSocketThatHasNotSentItsProbeHoldsNothingBackFromPolling() throws ProtocolException {
        FakeTransport silent = FakeTransport.websocket();
        assertTrue(session.beginProbe(silent));

        session.send(Frame.message("while the WebSocket is silent"));
        session.send(Frame.PING);

        assertFalse(session.isUpgrading());
        List<String> written = polling.texts();
        assertEquals(List.of("4while the WebSocket is silent", "2"), written.subList(1, written.size()), "after the open packet");
        assertEquals(List.of(), silent.texts());
        session.onPacket(polling, packet("3"));
        assertTrue(session.isOpen());
    }

    @Test
    void aProbePingWithOtherDataAbandonsTheProbeAndPollingGoesOn() throws ProtocolException {
        FakeTransport probe = FakeTransport.websocket();
        session.beginProbe(probe);

        session.onPacket(probe, packet("2notprobe"));

        assertEquals(List.of(false), probe.closes);
        assertFalse(session.isUpgrading());
        assertSame(polling, session.transport());
        session.send(Frame.message("still polling"));
        assertTrue(polling.texts().contains("4still polling"));
        assertTrue(session.beginProbe(FakeTransport.websocket()), "the client may try again");
    }

    @Test
    void aProbeThatNeverCompletesIsAbandonedAfterTheUpgradeTimeout() throws Exception {
        engine.close();
        engine = new EngineFixture(EngineFixture.config(60_000, 60_000, 1_000, 200));
        polling = FakeTransport.polling();
        session = engine.open(polling);
        FakeTransport probe = FakeTransport.websocket();
        session.beginProbe(probe);
        session.onPacket(probe, packet("2probe"));
        session.send(Frame.message("queued during probe"));

        await("the probe is given up", () -> !session.isUpgrading());

        assertEquals(List.of(false), probe.closes);
        assertTrue(session.isOpen());
        assertSame(polling, session.transport());
        assertTrue(polling.texts().contains("4queued during probe"), "held packets go out over polling again");
    }

    @Test
    void theProbeClosingAbandonsTheUpgradeButNotTheSession() throws ProtocolException {
        FakeTransport probe = FakeTransport.websocket();
        session.beginProbe(probe);
        session.onPacket(probe, packet("2probe"));

        session.onTransportClosed(probe, "transport close");

        assertFalse(session.isUpgrading());
        assertTrue(session.isOpen());
    }

    @Test
    void closingDuringAProbeClosesTheProbeToo() {
        FakeTransport probe = FakeTransport.websocket();
        session.beginProbe(probe);

        session.close("server shutting down");

        assertEquals(List.of(false), probe.closes);
        assertEquals(List.of(true), polling.closes);
        assertFalse(session.beginProbe(FakeTransport.websocket()), "a closed session takes no probe");
    }

    @Test
    void aLatePollingPacketAfterTheUpgradeIsRefusedWithoutHarmingTheSession() throws ProtocolException {
        FakeTransport websocket = FakeTransport.websocket();
        session.beginProbe(websocket);
        session.onPacket(websocket, packet("2probe"));
        session.onPacket(websocket, packet("5"));

        session.onPacket(polling, EnginePacket.binaryMessage(new byte[]{1}));

        assertTrue(session.isOpen());
        assertEquals(List.of(), engine.listener(0).binaries);
    }
}
