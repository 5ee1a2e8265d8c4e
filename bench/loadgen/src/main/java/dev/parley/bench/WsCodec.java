package dev.parley.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The few WebSocket (RFC 6455) framing operations a bench client needs. */
final class WsCodec {
    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;

    private WsCodec() {
    }

    /**
     * A masked client frame. The mask key is all zeros: RFC 6455 requires a key, and servers do not judge
     * its randomness, so the payload goes out as-is and the generator spends no CPU on XOR.
     */
    static ByteBuffer clientFrame(int opcode, byte[] payload) {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + len);
        frame.put((byte) (0x80 | opcode));
        if (len < 126) {
            frame.put((byte) (0x80 | len));
        } else if (len < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(len);
        }
        frame.putInt(0).put(payload).flip();
        return frame;
    }

    static ByteBuffer clientText(String text) {
        return clientFrame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of needle inside b[off, off+len), or -1. */
    static int indexOf(byte[] b, int off, int len, byte[] needle) {
        int last = off + len - needle.length;
        outer:
        for (int i = off; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Parses decimal digits starting at off; stops at the first non-digit. Returns -1 when there are none. */
    static long parseDigits(byte[] b, int off, int end) {
        long value = 0;
        int i = off;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            value = value * 10 + (b[i] - '0');
            i++;
        }
        return i == off ? -1 : value;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
