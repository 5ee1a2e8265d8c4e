package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class WsCodecTest {

    @Test
    void shortClientFrameIsMaskedTextWithSevenBitLength() {
        ByteBuffer f = WsCodec.clientText("40");
        assertEquals(0x81, f.get(0) & 0xff);
        assertEquals(0x80 | 2, f.get(1) & 0xff);
        assertEquals(0, f.getInt(2), "zero mask key");
        assertEquals('4', f.get(6));
        assertEquals(8, f.remaining());
    }

    @Test
    void mediumClientFrameUsesSixteenBitLength() {
        ByteBuffer f = WsCodec.clientFrame(WsCodec.OP_TEXT, new byte[300]);
        assertEquals(0x80 | 126, f.get(1) & 0xff);
        assertEquals(300, f.getShort(2) & 0xffff);
        assertEquals(4 + 4 + 300, f.remaining());
    }

    @Test
    void largeClientFrameUsesSixtyFourBitLength() {
        ByteBuffer f = WsCodec.clientFrame(WsCodec.OP_TEXT, new byte[70_000]);
        assertEquals(0x80 | 127, f.get(1) & 0xff);
        assertEquals(70_000L, f.getLong(2));
    }

    @Test
    void digitsParseUntilTheFirstNonDigitAndNoDigitsIsMinusOne() {
        byte[] b = WsCodec.ascii("431234[{}]");
        assertEquals(1234, WsCodec.parseDigits(b, 2, b.length));
        assertEquals(-1, WsCodec.parseDigits(b, 6, b.length));
    }

    @Test
    void indexOfFindsTheTimestampFieldInsideABroadcastMessage() {
        byte[] b = WsCodec.ascii("42[\"message\",{\"id\":7,\"text\":\"t98765 xx\"}]");
        byte[] field = WsCodec.ascii("\"text\":\"t");
        int at = WsCodec.indexOf(b, 0, b.length, field);
        assertEquals(98765, WsCodec.parseDigits(b, at + field.length, b.length));
        assertEquals(-1, WsCodec.indexOf(b, 0, 10, field), "not found inside a shorter window");
    }

    @Test
    void roomIdsThatAreDigitsGoOutAsJsonNumbersOthersAsStrings() {
        assertEquals("42", Target.roomJson("42"));
        assertEquals("\"bench-1\"", Target.roomJson("bench-1"));
        assertArrayEquals(WsCodec.ascii("\"a\\\"b\""), WsCodec.ascii(Target.roomJson("a\"b")));
    }
}
