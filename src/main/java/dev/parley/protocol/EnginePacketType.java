package dev.parley.protocol;

/** Engine.IO v4 packet types, with their wire digit. */
public enum EnginePacketType {
    OPEN('0'), CLOSE('1'), PING('2'), PONG('3'), MESSAGE('4'), UPGRADE('5'), NOOP('6');

    private final char code;

    EnginePacketType(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    static EnginePacketType of(char c) throws ProtocolException {
        if (c < '0' || c > '6') {
            throw new ProtocolException("unknown Engine.IO packet type '" + c + "'");
        }
        return values()[c - '0'];
    }
}
