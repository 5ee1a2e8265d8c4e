package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One Engine.IO packet in its final wire form: a WebSocket text frame (type digit + data) or a binary message.
 * Frames are immutable, so a broadcast builds one and hands the same instance to every recipient.
 */
public final class Frame {

    public static final Frame PING = new Frame("2", null);
    public static final Frame PONG = new Frame("3", null);
    public static final Frame NOOP = new Frame("6", null);
    public static final Frame CLOSE = new Frame("1", null);

    private final String text;
    private final byte[] binary;
    private final boolean settle;
    private final boolean broadcast;
    /** The RFC 6455 server frame, made once on first use and then shared by every recipient. */
    private volatile byte[] webSocketFrame;

    /**
     * @param settle the writer lets this frame reach the client on its own before writing the next one (see
     *               {@link #settled()})
     */
    public Frame(String text, byte[] binary, boolean settle) {
        this(text, binary, settle, false);
    }

    private Frame(String text, byte[] binary, boolean settle, boolean broadcast) {
        this.text = text;
        this.binary = binary;
        this.settle = settle;
        this.broadcast = broadcast;
    }

    public Frame(String text, byte[] binary) {
        this(text, binary, false);
    }

    public static Frame text(EnginePacketType type, String data) {
        return new Frame(type.code() + data, null);
    }

    /** An Engine.IO MESSAGE carrying a Socket.IO packet (or any text). */
    public static Frame message(String data) {
        return new Frame('4' + data, null);
    }

    public static Frame binary(byte[] data) {
        return new Frame(null, data);
    }

    /**
     * The same frame, written alone: the next frame follows a moment later rather than in the same TCP read.
     * The Node server behaves so (it waits for each write to drain), and clients written against it, the
     * official protocol suite among them, read a namespace handshake and the first event as two reads.
     */
    public Frame settled() {
        return new Frame(text, binary, true, broadcast);
    }

    /**
     * A broadcast's frames, marked as such: a writer may hold one back a moment so that it shares a system
     * call with the frames that follow it to the same client. A reply to one client, an ack above all, is
     * never held.
     */
    public static List<Frame> broadcast(List<Frame> frames) {
        List<Frame> marked = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            marked.add(new Frame(frame.text, frame.binary, frame.settle, true));
        }
        return marked;
    }

    /**
     * This frame as text: a binary message becomes {@code b} and base64, as on a polling response, and over a
     * WebSocket whose client asked for it ({@code b64}: socket.io-client's {@code forceBase64}).
     */
    public Frame asBase64() {
        return binary == null ? this
                : new Frame('b' + Base64.getEncoder().encodeToString(binary), null, settle, broadcast);
    }

    public boolean isBroadcast() {
        return broadcast;
    }

    public String text() {
        return text;
    }

    public byte[] binary() {
        return binary;
    }

    public boolean settle() {
        return settle;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /**
     * This packet as one whole WebSocket message from a server (RFC 6455 section 5.2: FIN set, text or binary
     * opcode, no mask, the shortest length form). Server frames are never masked, so the bytes are the same
     * for every recipient; callers must not change the array.
     */
    public byte[] webSocketFrame() {
        byte[] frame = webSocketFrame;
        if (frame == null) {
            frame = isBinary() ? webSocketFrame(0x2, binary)
                    : webSocketFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
            webSocketFrame = frame;
        }
        return frame;
    }

    private static byte[] webSocketFrame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) { // 64-bit big-endian; an array's length never sets the top bit
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
