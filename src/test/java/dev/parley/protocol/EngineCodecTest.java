package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine.IO v4 packets and the long-polling payload (the examples of the v4 specification). */
class EngineCodecTest {

    @Test
    void eachPacketTypeDecodesFromItsDigit() throws ProtocolException {
        assertEquals(EnginePacketType.OPEN, EngineCodec.decode("0{}").type());
        assertEquals(EnginePacketType.CLOSE, EngineCodec.decode("1").type());
        EnginePacket probe = EngineCodec.decode("2probe");
        assertEquals(EnginePacketType.PING, probe.type());
        assertEquals("probe", probe.text());
        assertEquals(EnginePacketType.PONG, EngineCodec.decode("3").type());
        EnginePacket message = EngineCodec.decode("4hello");
        assertEquals(EnginePacketType.MESSAGE, message.type());
        assertEquals("hello", message.text());
        assertFalse(message.isBinary());
        assertEquals(EnginePacketType.UPGRADE, EngineCodec.decode("5").type());
        assertEquals(EnginePacketType.NOOP, EngineCodec.decode("6").type());
    }

    @Test
    void framesCarryTheirTypeDigit() {
        assertEquals("2", Frame.PING.text());
        assertEquals("3probe", Frame.text(EnginePacketType.PONG, "probe").text());
        assertEquals("42[\"a\"]", Frame.message("2[\"a\"]").text());
        assertEquals("6", Frame.NOOP.text());
        assertEquals("1", Frame.CLOSE.text());
    }

    @Test
    void pollingPayloadSplitsOnTheRecordSeparator() throws ProtocolException {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001e4€\u001e2");
        assertEquals(3, packets.size());
        assertEquals("hello", packets.get(0).text());
        assertEquals("€", packets.get(1).text());
        assertEquals(EnginePacketType.PING, packets.get(2).type());
    }

    @Test
    void pollingPayloadDecodesBase64BinaryMessages() throws ProtocolException {
        List<EnginePacket> packets = EngineCodec.decodePayload("4hello\u001ebAQIDBA==");
        assertEquals("hello", packets.get(0).text());
        assertTrue(packets.get(1).isBinary());
        assertEquals(EnginePacketType.MESSAGE, packets.get(1).type());
        assertArrayEquals(new byte[]{1, 2, 3, 4}, packets.get(1).binary());
    }

    @Test
    void base64WrappedInLinesAsTheJavaClientSendsItDecodes() throws ProtocolException {
        byte[] bytes = new byte[100];
        Arrays.fill(bytes, (byte) 7);
        String wrapped = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes) + "\n";
        assertTrue(wrapped.indexOf('\n') < wrapped.length() - 1, "wrapped in more than one line");
        List<EnginePacket> packets = EngineCodec.decodePayload("b" + wrapped + "\u001e4x");
        assertArrayEquals(bytes, packets.get(0).binary());
        assertEquals("x", packets.get(1).text());
    }

    @Test
    void aWebSocketTextFrameOfBase64IsABinaryMessageAsForceBase64ClientsSendIt() throws ProtocolException {
        EnginePacket packet = EngineCodec.decode("bAQIDBA==");
        assertTrue(packet.isBinary());
        assertEquals(EnginePacketType.MESSAGE, packet.type());
        assertArrayEquals(new byte[]{1, 2, 3, 4}, packet.binary());
        assertArrayEquals(new byte[0], EngineCodec.decode("b").binary());
    }

    @Test
    void aBinaryFrameAsBase64KeepsItsWritingMarksAndTextFramesStayAsTheyAre() {
        Frame binary = Frame.broadcast(List.of(Frame.binary(new byte[]{1, 2, 3, 4}).settled())).get(0);
        Frame text = binary.asBase64();
        assertEquals("bAQIDBA==", text.text());
        assertTrue(!text.isBinary() && text.isBroadcast() && text.settle());
        Frame message = Frame.message("x");
        assertSame(message, message.asBase64());
    }

    @Test
    void aSinglePacketBodyHasNoSeparator() throws ProtocolException {
        assertEquals(List.of("x"), EngineCodec.decodePayload("4x").stream().map(EnginePacket::text).toList());
    }

    @Test
    void pollingResponseJoinsFramesWithTheSeparatorAndBase64EncodesBinary() {
        String body = EngineCodec.encodePayload(List.of(Frame.message("hello"), Frame.binary(new byte[]{1, 2, 3, 4}),
                Frame.message("€")));
        assertEquals("4hello\u001ebAQIDBA==\u001e4€", body);
    }

    @Test
    void anEncodedPayloadDecodesBackToTheSamePackets() throws ProtocolException {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        String body = EngineCodec.encodePayload(List.of(Frame.binary(bytes), Frame.message("2[\"x\"]")));
        List<EnginePacket> packets = EngineCodec.decodePayload(body);
        assertArrayEquals(bytes, packets.get(0).binary());
        assertEquals("2[\"x\"]", packets.get(1).text());
    }
}
