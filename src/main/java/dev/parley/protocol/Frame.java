package dev.parley.protocol;

/**
 * One Engine.IO packet in its final wire form: a WebSocket text frame (type digit + data) or a binary message.
 * Frames are immutable, so a broadcast builds one and hands the same instance to every recipient.
 *
 * @param settle the writer lets this frame reach the client on its own before writing the next one (see
 *               {@link #settled()})
 */
public record Frame(String text, byte[] binary, boolean settle) {

    public static final Frame PING = new Frame("2", null);
    public static final Frame PONG = new Frame("3", null);
    public static final Frame NOOP = new Frame("6", null);
    public static final Frame CLOSE = new Frame("1", null);

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
        return new Frame(text, binary, true);
    }

    public boolean isBinary() {
        return binary != null;
    }
}
