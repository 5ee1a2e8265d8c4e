package dev.parley.protocol;

/** Socket.IO v5 packet types, with their wire digit. */
public enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    public char code() {
        return (char) ('0' + ordinal());
    }

    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    static PacketType of(char c) throws ProtocolException {
        if (c < '0' || c > '6') {
            throw new ProtocolException("unknown Socket.IO packet type '" + c + "'");
        }
        return values()[c - '0'];
    }
}
