package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A frame's RFC 6455 bytes, read back the way a client reads a server's frame (section 5.2). */
class FrameTest {

    @Test
    void textGoesOutAsOneUnmaskedFinalTextFrameInUtf8() throws IOException {
        Frame frame = Frame.message("2[\"message\",\"grüße 👋\"]");
        Read read = read(frame.webSocketFrame());
        assertEquals(0x1, read.opcode);
        assertEquals(frame.text(), new String(read.payload, StandardCharsets.UTF_8));
    }

    @Test
    void aBroadcastsFramesAreMarkedCopiesOfTheSameBytesAndNothingElseIs() {
        Frame text = Frame.message("2[\"message\",1]");
        Frame binary = Frame.binary(new byte[] {7});
        List<Frame> marked = Frame.broadcast(List.of(text, binary));
        assertEquals(2, marked.size());
        assertTrue(marked.get(0).isBroadcast() && marked.get(1).isBroadcast());
        assertTrue(!text.isBroadcast() && !binary.isBroadcast(), "the originals stay unmarked");
        assertEquals(text.text(), marked.get(0).text());
        assertArrayEquals(text.webSocketFrame(), marked.get(0).webSocketFrame());
        assertSame(binary.binary(), marked.get(1).binary());
        assertTrue(marked.get(0).settled().isBroadcast() && marked.get(0).settled().settle());
    }

    @Test
    void binaryGoesOutAsABinaryFrame() throws IOException {
        byte[] data = {0, 1, 2, (byte) 0xFF};
        Read read = read(Frame.binary(data).webSocketFrame());
        assertEquals(0x2, read.opcode);
        assertArrayEquals(data, read.payload);
    }

    @Test
    void eachLengthTakesTheShortestFormAtItsBoundaries() throws IOException {
        int[][] lengthAndHeader = {{0, 2}, {125, 2}, {126, 4}, {65_535, 4}, {65_536, 10}, {200_000, 10}};
        for (int[] expected : lengthAndHeader) {
            byte[] payload = new byte[expected[0]];
            Arrays.fill(payload, (byte) 'x');
            byte[] bytes = Frame.binary(payload).webSocketFrame();
            assertEquals(expected[1] + expected[0], bytes.length, "header of a " + expected[0] + "-byte payload");
            assertArrayEquals(payload, read(bytes).payload);
        }
    }

    @Test
    void theBytesAreMadeOnceAndSharedByEveryRecipient() {
        Frame frame = Frame.message("2[\"a\"]");
        assertSame(frame.webSocketFrame(), frame.webSocketFrame());
    }

    private record Read(int opcode, byte[] payload) {
    }

    private static Read read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int first = in.readUnsignedByte();
        assertEquals(0x80, first & 0xF0, "FIN set, no reserved bits");
        int second = in.readUnsignedByte();
        assertEquals(0, second & 0x80, "a server's frame is not masked");
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = in.readNBytes((int) length);
        assertEquals(length, payload.length);
        assertEquals(-1, in.read(), "nothing after the payload");
        return new Read(first & 0x0F, payload);
    }
}
