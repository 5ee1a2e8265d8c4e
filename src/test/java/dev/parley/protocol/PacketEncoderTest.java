package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire forms of the Socket.IO v5 specification's examples, each behind the Engine.IO message digit 4. */
class PacketEncoderTest {

    private final PacketEncoder encoder = new PacketEncoder(new JsonWriter(value -> {
        throw new AssertionError("no fallback serialization expected for " + value);
    }));

    private String text(Packet packet) {
        List<Frame> frames = encoder.encode(packet);
        assertEquals(1, frames.size(), "a packet without binary is one frame");
        assertFalse(frames.get(0).isBinary());
        return frames.get(0).text();
    }

    @Test
    void connectToTheMainNamespaceHasNoNamespaceAndNoComma() {
        assertEquals("40", text(Packet.connect("/", null)));
        assertEquals("40{\"sid\":\"abc\"}", text(Packet.connect("/", Map.of("sid", "abc"))));
    }

    @Test
    void connectToAnotherNamespaceWritesTheNamespaceFollowedByAComma() {
        assertEquals("40/admin,", text(Packet.connect("/admin", null)));
        assertEquals("40/admin,{\"sid\":\"abc\"}", text(Packet.connect("/admin", Map.of("sid", "abc"))));
    }

    @Test
    void disconnectOfANamespace() {
        assertEquals("41", text(Packet.disconnect("/")));
        assertEquals("41/admin,", text(Packet.disconnect("/admin")));
    }

    @Test
    void eventWithAndWithoutAckId() {
        assertEquals("42[\"foo\"]", text(Packet.event("/", List.of("foo"), Packet.NO_ID)));
        assertEquals("4212[\"foo\",1]", text(Packet.event("/", List.of("foo", 1), 12)));
        assertEquals("42/admin,[\"bar\"]", text(Packet.event("/admin", List.of("bar"), Packet.NO_ID)));
        assertEquals("42/admin,13[\"bar\"]", text(Packet.event("/admin", List.of("bar"), 13)));
    }

    @Test
    void ackZeroIsWrittenBecauseZeroIsAValidId() {
        assertEquals("430[]", text(Packet.ack("/", List.of(), 0)));
        assertEquals("43/admin,13[\"bar\"]", text(Packet.ack("/admin", List.of("bar"), 13)));
    }

    @Test
    void connectErrorCarriesMessageAndOptionalData() {
        assertEquals("44{\"message\":\"Invalid namespace\"}",
                text(Packet.connectError("/", "Invalid namespace", null)));
        assertEquals("44/admin,{\"message\":\"Not authorized\",\"data\":{\"code\":401}}",
                text(Packet.connectError("/admin", "Not authorized", Map.of("code", 401))));
    }

    @Test
    void anEventWithBytesBecomesABinaryEventWithPlaceholdersAndAttachmentFrames() {
        byte[] buffer = {1, 2, 3, 4};
        List<Frame> frames = encoder.encode(Packet.event("/", List.of("baz", buffer), Packet.NO_ID));

        assertEquals(2, frames.size());
        assertEquals("451-[\"baz\",{\"_placeholder\":true,\"num\":0}]", frames.get(0).text());
        assertTrue(frames.get(1).isBinary());
        assertArrayEquals(buffer, frames.get(1).binary());
    }

    @Test
    void binaryEventHeaderOrderIsCountThenNamespaceThenAckId() {
        List<Frame> frames = encoder.encode(Packet.event("/admin", List.of("baz", new byte[]{9}), 13));
        assertEquals("451-/admin,13[\"baz\",{\"_placeholder\":true,\"num\":0}]", frames.get(0).text());
    }

    @Test
    void anAckWithBytesBecomesABinaryAck() {
        List<Frame> frames = encoder.encode(Packet.ack("/admin", List.of(new byte[]{7}), 15));
        assertEquals("461-/admin,15[{\"_placeholder\":true,\"num\":0}]", frames.get(0).text());
        assertArrayEquals(new byte[]{7}, frames.get(1).binary());
    }

    @Test
    void nestedBuffersAreNumberedInDocumentOrder() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("first", new byte[]{1});
        nested.put("list", List.of("x", new byte[]{2}, Map.of("deep", new byte[]{3})));
        List<Frame> frames = encoder.encode(Packet.event("/", List.of("files", nested, new byte[]{4}), Packet.NO_ID));

        assertEquals("454-[\"files\",{\"first\":{\"_placeholder\":true,\"num\":0},\"list\":[\"x\","
                + "{\"_placeholder\":true,\"num\":1},{\"deep\":{\"_placeholder\":true,\"num\":2}}]},"
                + "{\"_placeholder\":true,\"num\":3}]", frames.get(0).text());
        for (int i = 1; i <= 4; i++) {
            assertArrayEquals(new byte[]{(byte) i}, frames.get(i).binary());
        }
    }

    @Test
    void aRoundTripThroughTheDecoderRebuildsNestedBuffers() throws ProtocolException {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", new byte[]{1, 2});
        nested.put("b", List.of(new byte[]{3}));
        List<Frame> frames = encoder.encode(Packet.event("/chat", List.of("up", nested), 7));

        PacketDecoder decoder = new PacketDecoder();
        assertEquals(null, decoder.decode(frames.get(0).text().substring(1)));
        assertEquals(null, decoder.decode(frames.get(1).binary()));
        Packet packet = decoder.decode(frames.get(2).binary());

        assertEquals(PacketType.BINARY_EVENT, packet.type());
        assertEquals("/chat", packet.namespace());
        assertEquals(7, packet.id());
        assertEquals("up", packet.eventName());
        Map<?, ?> decoded = (Map<?, ?>) packet.args().get(0);
        assertArrayEquals(new byte[]{1, 2}, (byte[]) decoded.get("a"));
        assertArrayEquals(new byte[]{3}, (byte[]) ((List<?>) decoded.get("b")).get(0));
    }
}
