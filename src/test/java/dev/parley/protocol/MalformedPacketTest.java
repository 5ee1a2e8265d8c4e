package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every malformed packet a client could send is refused with a ProtocolException, never any other
 * exception or error, so the connection that sent it is closed cleanly and nothing escapes into the container.
 */
class MalformedPacketTest {

    private final PacketDecoder decoder = new PacketDecoder();

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                   // empty
            "7[\"a\"]", "9", "a", "-1", " 2[\"a\"]",   // unknown packet types
            "2{}", "2\"x\"", "21", "2null", "2",   // an EVENT's payload must be a non-empty array
            "2abc[\"a\"]", "2/admin",               // junk where the ack id or payload should be
            "2[]", "2[null]", "2[true]", "2[{}]", "2[[\"a\"]]",
            "2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\"]", "2[\"disconnecting\"]",
            "2[\"newListener\"]", "2[\"removeListener\"]",   // reserved event names
            "3", "3{}", "3\"a\"", "31",            // an ACK's payload must be an array
            "1{}", "1[]", "1/admin,\"x\"", "1null", // DISCONNECT has no payload
            "0[]", "0\"token\"", "0null", "0/admin,null",   // CONNECT's payload, if any, is an object
            "4", "4[]",                           // CONNECT_ERROR needs a message
            "5[\"a\"]", "5-[\"a\"]", "5x-[\"a\"]", "5-1[\"a\"]", "5123-[\"a\"]",   // bad attachment counts
            "50-[\"a\",{\"_placeholder\":true,\"num\":0}]", "60-[1]", "500-[\"a\"]",        // none: not binary
            "511-[\"a\"]", "599-[\"a\"]",           // more attachments than allowed
            "6[1]", "6-[1]",
            "2[\"a\"", "2[\"a\",]", "2[\"a\"]]", "2[\"a\"] x", "2[\"a\"]{}", "2[\"a\",nul]", // invalid JSON
            "2[\"a\u0001\"]", "2['a']", "2[\"a\",{\"k\" 1}]", "2[\"a\",01]",
            "21234567890123456[\"a\"]", "299999999999999999999999999999[\"a\"]",      // huge ack ids
            "2[\"a\",1e9999999999]", "2[\"a\",1e-9999999999]",                          // exponent overflow
    })
    void isRefusedWithAProtocolException(String packet) {
        assertThrows(ProtocolException.class, () -> decoder.decode(packet));
    }

    @Test
    void anOverlongNumberIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> decoder.decode("2[\"a\"," + "9".repeat(5_000) + "]"));
    }

    @Test
    void deeplyNestedArraysAreRefusedWithoutOverflowingTheStack() {
        String deep = "2[\"a\"," + "[".repeat(200_000) + "]".repeat(200_000) + "]";
        assertThrows(ProtocolException.class, () -> decoder.decode(deep));
    }

    @Test
    void deeplyNestedObjectsAreRefusedWithoutOverflowingTheStack() {
        String deep = "2[\"a\"," + "{\"k\":".repeat(100_000) + "1" + "}".repeat(100_000) + "]";
        assertThrows(ProtocolException.class, () -> decoder.decode(deep));
    }

    @Test
    void anUnclosedDeepArrayIsRefused() {
        assertThrows(ProtocolException.class, () -> decoder.decode("2[\"a\"," + "[".repeat(100_000)));
    }

    @Test
    void textWhileWaitingForAttachmentsIsRefused() throws ProtocolException {
        decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThrows(ProtocolException.class, () -> decoder.decode("2[\"b\"]"));
    }

    @Test
    void binaryWithoutAPendingPacketIsRefused() {
        assertThrows(ProtocolException.class, () -> decoder.decode(new byte[]{1}));
    }

    @Test
    void binaryAfterTheLastAttachmentIsRefused() throws ProtocolException {
        decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        decoder.decode(new byte[]{1});
        assertThrows(ProtocolException.class, () -> decoder.decode(new byte[]{2}));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "51-[\"a\",{\"_placeholder\":true,\"num\":1}]",     // points past the attachments
            "51-[\"a\",{\"_placeholder\":true,\"num\":-1}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]",
            "51-[\"a\",{\"_placeholder\":true}]",
            "61-[{\"x\":[{\"_placeholder\":true,\"num\":3}]}]",
    })
    void aPlaceholderThatNamesNoAttachmentIsRefused(String header) throws ProtocolException {
        decoder.decode(header);
        assertThrows(ProtocolException.class, () -> decoder.decode(new byte[]{1}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "x", "\u001e", "b!!!", "bAQID=A"})
    void malformedEnginePacketsAreRefused(String frame) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decode(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4a\u001e", "\u001e4a", "4a\u001e\u001e4b", "b!!!", "bAQID=A", "4a\u001ebA", "8x"})
    void malformedPollingBodiesAreRefused(String body) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decodePayload(body));
    }
}
