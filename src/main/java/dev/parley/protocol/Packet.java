package dev.parley.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Socket.IO packet. {@code data} is the decoded JSON payload as plain Java values (Map, List, String,
 * Number, Boolean, null, byte[] for binary attachments), or {@code null} when the packet has none.
 * {@code id} is the acknowledgement id, or -1.
 */
public record Packet(PacketType type, String namespace, long id, Object data) {

    public static final long NO_ID = -1;

    public static Packet connect(String namespace, Object data) {
        return new Packet(PacketType.CONNECT, namespace, NO_ID, data);
    }

    public static Packet connectError(String namespace, String message, Object detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (detail != null) {
            error.put("data", detail);
        }
        return new Packet(PacketType.CONNECT_ERROR, namespace, NO_ID, error);
    }

    public static Packet disconnect(String namespace) {
        return new Packet(PacketType.DISCONNECT, namespace, NO_ID, null);
    }

    /** An event; the encoder switches it to BINARY_EVENT when the arguments hold byte arrays. */
    public static Packet event(String namespace, List<?> eventAndArgs, long ackId) {
        return new Packet(PacketType.EVENT, namespace, ackId, eventAndArgs);
    }

    public static Packet ack(String namespace, List<?> args, long ackId) {
        return new Packet(PacketType.ACK, namespace, ackId, args);
    }

    public boolean hasId() {
        return id >= 0;
    }

    /** The event or ack arguments: for an EVENT the list without its leading event name. */
    @SuppressWarnings("unchecked")
    public List<Object> args() {
        List<Object> list = (List<Object>) data;
        return isEvent() ? list.subList(1, list.size()) : list;
    }

    /** The event name of an EVENT or BINARY_EVENT. */
    public String eventName() {
        return String.valueOf(((List<?>) data).get(0));
    }

    public boolean isEvent() {
        return type == PacketType.EVENT || type == PacketType.BINARY_EVENT;
    }
}
