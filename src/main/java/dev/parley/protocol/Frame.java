package dev.parley.protocol;

/**
 * One Engine.IO packet in its final wire form: a WebSocket text frame (type digit + data) or a binary message.
 * Frames are immutable, so a broadcast builds one and hands the same instance to every recipient.
 */
public record Frame(String text, byte[] binary) {

    public static final Frame PING = new Frame("2", null);
    public static final Frame PONG = new Frame("3", null);
    public static final Frame NOOP = new Frame("6", null);
    public static final Frame CLOSE = new Frame("1", null);

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

    public boolean isBinary() {
        return binary != null;
    }
}
