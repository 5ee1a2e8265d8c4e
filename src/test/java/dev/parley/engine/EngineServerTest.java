package dev.parley.engine;

import dev.parley.protocol.JsonReader;
import dev.parley.protocol.ProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineServerTest {

    private final EngineFixture engine = new EngineFixture(EngineFixture.config(25_000, 20_000, 1_000, 10_000));

    @AfterEach
    void stop() {
        engine.close();
    }

    private static Map<?, ?> openPacket(FakeTransport transport) throws ProtocolException {
        String first = transport.texts().get(0);
        assertEquals('0', first.charAt(0), "the first packet is OPEN: " + first);
        return (Map<?, ?>) JsonReader.parse(first.substring(1));
    }

    @Test
    void theHandshakeOverPollingOffersTheWebSocketUpgradeAndStatesTheTimings() throws ProtocolException {
        FakeTransport polling = FakeTransport.polling();
        EngineSession session = engine.open(polling);

        Map<?, ?> open = openPacket(polling);
        assertEquals(List.of("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"), List.copyOf(open.keySet()));
        assertEquals(session.id(), open.get("sid"));
        assertEquals(List.of("websocket"), open.get("upgrades"));
        assertEquals(25_000L, open.get("pingInterval"));
        assertEquals(20_000L, open.get("pingTimeout"));
        assertEquals(1_000_000L, open.get("maxPayload"));
        assertEquals(1, polling.written.size(), "nothing but the open packet yet");
    }

    @Test
    void theHandshakeOverWebSocketOffersNoUpgrade() throws ProtocolException {
        FakeTransport websocket = FakeTransport.websocket();
        engine.open(websocket);
        assertEquals(List.of(), openPacket(websocket).get("upgrades"));
    }

    @Test
    void sessionsGetDistinctUrlSafeIdsAndAreFoundByThem() {
        EngineSession one = engine.open(FakeTransport.polling());
        EngineSession two = engine.open(FakeTransport.websocket());

        assertNotEquals(one.id(), two.id());
        assertTrue(one.id().matches("[A-Za-z0-9_-]{20}"), one.id());
        assertSame(one, engine.server.find(one.id()));
        assertSame(two, engine.server.find(two.id()));
        assertNull(engine.server.find("unknown"));
        assertNull(engine.server.find(null));
    }

    @Test
    void aCloseListenerHearsEachSessionsReasonOnceAndItsFailureDoesNotStopTheClose() {
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.server.onClose(reasons::add);
        EngineSession malformed = engine.open(FakeTransport.polling());
        malformed.protocolError("a test's bad packet");
        malformed.close("forced close"); // closed already: not heard again
        engine.open(FakeTransport.websocket()).close("slow client");
        assertEquals(List.of("parse error", "slow client"), reasons);

        engine.server.onClose(reason -> {
            throw new IllegalStateException("a listener that fails");
        });
        EngineSession session = engine.open(FakeTransport.polling());
        session.close("forced close");
        assertNull(engine.server.find(session.id()), "closed and gone all the same");
    }

    @Test
    void verifyAcceptsAValidHandshakeAndAKnownSid() {
        EngineSession session = engine.open(FakeTransport.polling());
        assertNull(engine.server.verify("4", "polling", null));
        assertNull(engine.server.verify("4", "websocket", null));
        assertNull(engine.server.verify("4", "polling", session.id()));
        assertNull(engine.server.verify("4", "websocket", session.id()));
    }

    @Test
    void verifyRefusesAnyProtocolVersionButFour() {
        for (String eio : new String[]{null, "", "3", "5", "abc", "4 "}) {
            assertEquals(EngineError.UNSUPPORTED_PROTOCOL_VERSION, engine.server.verify(eio, "polling", null), eio);
        }
    }

    @Test
    void verifyRefusesUnknownTransports() {
        for (String transport : new String[]{null, "", "tobi", "constructor", "WEBSOCKET"}) {
            assertEquals(EngineError.UNKNOWN_TRANSPORT, engine.server.verify("4", transport, null), transport);
        }
    }

    @Test
    void verifyRefusesUnknownAndClosedSids() {
        assertEquals(EngineError.UNKNOWN_SID, engine.server.verify("4", "polling", "nope"));
        EngineSession session = engine.open(FakeTransport.polling());
        session.close("test");
        assertEquals(EngineError.UNKNOWN_SID, engine.server.verify("4", "polling", session.id()));
    }

    @Test
    void aRequestWrongInSeveralWaysGetsNodesAnswerTransportThenSidThenVersion() {
        assertEquals(EngineError.UNKNOWN_TRANSPORT, engine.server.verify(null, null, null));
        assertEquals(EngineError.UNKNOWN_TRANSPORT, engine.server.verify("3", "flashsocket", "nope"));
        assertEquals(EngineError.UNKNOWN_SID, engine.server.verify("3", "polling", "nope"));
        assertEquals(EngineError.UNSUPPORTED_PROTOCOL_VERSION, engine.server.verify("3", "polling", null));
    }

    @Test
    void errorBodiesCarryTheReferenceServersCodesAndMessages() throws ProtocolException {
        assertEquals(Map.of("code", 0L, "message", "Transport unknown"),
                JsonReader.parse(EngineError.UNKNOWN_TRANSPORT.json()));
        assertEquals(Map.of("code", 1L, "message", "Session ID unknown"),
                JsonReader.parse(EngineError.UNKNOWN_SID.json()));
        assertEquals(Map.of("code", 2L, "message", "Bad handshake method"),
                JsonReader.parse(EngineError.BAD_HANDSHAKE_METHOD.json()));
        assertEquals(Map.of("code", 3L, "message", "Bad request"), JsonReader.parse(EngineError.BAD_REQUEST.json()));
        assertEquals(Map.of("code", 4L, "message", "Forbidden"), JsonReader.parse(EngineError.FORBIDDEN.json()));
        assertEquals(Map.of("code", 5L, "message", "Unsupported protocol version"),
                JsonReader.parse(EngineError.UNSUPPORTED_PROTOCOL_VERSION.json()));
        assertEquals(400, EngineError.UNKNOWN_SID.httpStatus());
        assertEquals(403, EngineError.FORBIDDEN.httpStatus());
    }

    @Test
    void closeAllClosesEverySessionAndTellsTheClients() {
        FakeTransport one = FakeTransport.polling();
        FakeTransport two = FakeTransport.websocket();
        engine.open(one);
        engine.open(two);

        engine.server.closeAll();

        assertEquals(List.of(true), one.closes);
        assertEquals(List.of(true), two.closes);
        assertTrue(engine.server.sessions().isEmpty());
        assertEquals(List.of("server shutting down"), engine.listener(0).closeReasons);
    }
}
