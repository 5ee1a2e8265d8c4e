package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding of well-formed Socket.IO v5 packets (the Engine.IO message data, without its leading 4). */
class PacketDecoderTest {

    private final PacketDecoder decoder = new PacketDecoder();

    @Test
    void connectToTheMainNamespaceWithoutAndWithAuth() throws ProtocolException {
        Packet plain = decoder.decode("0");
        assertEquals(PacketType.CONNECT, plain.type());
        assertEquals("/", plain.namespace());
        assertNull(plain.data());
        assertFalse(plain.hasId());

        Packet withAuth = decoder.decode("0{\"token\":\"123\"}");
        assertEquals(Map.of("token", "123"), withAuth.data());
    }

    @Test
    void namespaceIsReadWithOrWithoutItsComma() throws ProtocolException {
        assertEquals("/admin", decoder.decode("0/admin,").namespace());
        assertEquals("/admin", decoder.decode("0/admin").namespace());
        Packet withAuth = decoder.decode("0/admin,{\"token\":\"123\"}");
        assertEquals("/admin", withAuth.namespace());
        assertEquals(Map.of("token", "123"), withAuth.data());
    }

    @Test
    void disconnect() throws ProtocolException {
        Packet packet = decoder.decode("1/admin,");
        assertEquals(PacketType.DISCONNECT, packet.type());
        assertEquals("/admin", packet.namespace());
    }

    @Test
    void eventWithoutAck() throws ProtocolException {
        Packet packet = decoder.decode("2[\"foo\",1,\"two\"]");
        assertEquals(PacketType.EVENT, packet.type());
        assertEquals("foo", packet.eventName());
        assertEquals(List.of(1L, "two"), packet.args());
        assertFalse(packet.hasId());
    }

    @Test
    void eventWithAckIdInTheMainAndAnotherNamespace() throws ProtocolException {
        Packet main = decoder.decode("212[\"foo\"]");
        assertEquals(12, main.id());
        assertEquals("/", main.namespace());

        Packet admin = decoder.decode("2/admin,0[\"bar\",{}]");
        assertEquals("/admin", admin.namespace());
        assertEquals(0, admin.id());
        assertTrue(admin.hasId());
        assertEquals(List.of(Map.of()), admin.args());
    }

    @Test
    void anEventNameMayBeANumberAsSocketIoParserAllows() throws ProtocolException {
        assertEquals("1", decoder.decode("2[1,\"x\"]").eventName());
    }

    @Test
    void ack() throws ProtocolException {
        Packet packet = decoder.decode("3/admin,13[\"bar\"]");
        assertEquals(PacketType.ACK, packet.type());
        assertEquals(13, packet.id());
        assertEquals(List.of("bar"), packet.args());
        assertEquals(List.of(), decoder.decode("35[]").args());
    }

    @Test
    void connectErrorAsTheClientWouldSeeIt() throws ProtocolException {
        Packet packet = decoder.decode("4{\"message\":\"Not authorized\",\"data\":{\"a\":1}}");
        assertEquals(PacketType.CONNECT_ERROR, packet.type());
        assertEquals(Map.of("message", "Not authorized", "data", Map.of("a", 1L)), packet.data());
    }

    @Test
    void binaryEventWaitsForItsAttachmentsThenPutsThemInPlace() throws ProtocolException {
        assertNull(decoder.decode("52-[\"baz\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]"));
        assertNull(decoder.decode(new byte[]{1}));
        Packet packet = decoder.decode(new byte[]{2, 2});

        assertEquals(PacketType.BINARY_EVENT, packet.type());
        assertEquals("baz", packet.eventName());
        assertArrayEquals(new byte[]{2, 2}, (byte[]) packet.args().get(0));
        assertArrayEquals(new byte[]{1}, (byte[]) packet.args().get(1));
    }

    @Test
    void binaryEventInANamespaceWithAckId() throws ProtocolException {
        assertNull(decoder.decode("51-/admin,13[\"baz\",{\"_placeholder\":true,\"num\":0}]"));
        Packet packet = decoder.decode(new byte[]{1, 2, 3, 4});
        assertEquals("/admin", packet.namespace());
        assertEquals(13, packet.id());
        assertArrayEquals(new byte[]{1, 2, 3, 4}, (byte[]) packet.args().get(0));
    }

    @Test
    void binaryAckWithNestedPlaceholders() throws ProtocolException {
        assertNull(decoder.decode("62-/admin,15[{\"files\":[{\"_placeholder\":true,\"num\":0},"
                + "{\"meta\":{\"bin\":{\"_placeholder\":true,\"num\":1}}}]}]"));
        decoder.decode(new byte[]{10});
        Packet packet = decoder.decode(new byte[]{20});

        assertEquals(PacketType.BINARY_ACK, packet.type());
        assertEquals(15, packet.id());
        List<?> files = (List<?>) ((Map<?, ?>) packet.args().get(0)).get("files");
        assertArrayEquals(new byte[]{10}, (byte[]) files.get(0));
        Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) files.get(1)).get("meta");
        assertArrayEquals(new byte[]{20}, (byte[]) meta.get("bin"));
    }

    @Test
    void theDecoderIsReadyForTheNextPacketAfterABinaryOne() throws ProtocolException {
        decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        decoder.decode(new byte[]{0});
        assertEquals("next", decoder.decode("2[\"next\"]").eventName());
    }

    @Test
    void numbersKeepTheirForm() throws ProtocolException {
        List<Object> args = decoder.decode("2[\"n\",1,1.5,-7,12345678901234567890,0.1]").args();
        assertEquals(1L, args.get(0));
        assertEquals(new BigDecimal("1.5"), args.get(1));
        assertEquals(-7L, args.get(2));
        assertEquals(new BigDecimal("12345678901234567890"), args.get(3));
        assertEquals(new BigDecimal("0.1"), args.get(4));
    }

    @Test
    void fifteenDigitAckIdsAreAccepted() throws ProtocolException {
        assertEquals(999_999_999_999_999L, decoder.decode("2999999999999999[\"a\"]").id());
    }
}
