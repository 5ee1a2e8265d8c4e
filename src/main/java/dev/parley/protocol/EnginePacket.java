package dev.parley.protocol;

/** A decoded inbound Engine.IO packet: its type and either text data or binary data. */
public record EnginePacket(EnginePacketType type, String text, byte[] binary) {

    public static EnginePacket binaryMessage(byte[] data) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, data);
    }

    public boolean isBinary() {
        return binary != null;
    }
}
