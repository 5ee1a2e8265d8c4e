package dev.parley.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Socket.IO v5 packets from Engine.IO message data. Stateful: a binary packet is complete only once its
 * attachments have arrived as the following binary messages, so there is one decoder per connection,
 * fed by one thread at a time.
 */
public final class PacketDecoder {

    /** As socket.io-parser: a bound on attachments, so a header cannot make us buffer without limit. */
    public static final int MAX_ATTACHMENTS = 10;

    private static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private Packet pending;
    private int expectedAttachments;
    private List<byte[]> attachments;

    /** Returns the packet, or null while a binary packet still waits for its attachments. */
    public Packet decode(String text) throws ProtocolException {
        if (pending != null) {
            throw new ProtocolException("text packet while waiting for binary attachments");
        }
        if (text.isEmpty()) {
            throw new ProtocolException("empty Socket.IO packet");
        }
        PacketType type = PacketType.of(text.charAt(0));
        int i = 1;
        int attachmentCount = 0;
        if (type.isBinary()) {
            int dash = text.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 2 || !digits(text, i, dash)) {
                throw new ProtocolException("invalid attachment count");
            }
            attachmentCount = Integer.parseInt(text, i, dash, 10);
            if (attachmentCount < 1) { // as socket.io-parser: a binary packet without binary is malformed
                throw new ProtocolException("invalid attachment count");
            }
            if (attachmentCount > MAX_ATTACHMENTS) {
                throw new ProtocolException("too many attachments: " + attachmentCount);
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        int idStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        long id = Packet.NO_ID;
        if (i > idStart) {
            if (i - idStart > 15) {
                throw new ProtocolException("ack id too long");
            }
            id = Long.parseLong(text, idStart, i, 10);
        }
        boolean present = i < text.length();
        Object data = present ? JsonReader.parse(text.substring(i)) : null;
        validate(type, present, data);
        Packet packet = new Packet(type, namespace, id, data);
        if (attachmentCount == 0) {
            return packet;
        }
        pending = packet;
        expectedAttachments = attachmentCount;
        attachments = new ArrayList<>(attachmentCount);
        return null;
    }

    /** Feeds one binary attachment; returns the completed packet once all have arrived. */
    public Packet decode(byte[] attachment) throws ProtocolException {
        if (pending == null) {
            throw new ProtocolException("unexpected binary data");
        }
        attachments.add(attachment);
        if (attachments.size() < expectedAttachments) {
            return null;
        }
        Packet packet = pending;
        List<byte[]> buffers = attachments;
        pending = null;
        attachments = null;
        return new Packet(packet.type(), packet.namespace(), packet.id(), reconstruct(packet.data(), buffers));
    }

    /** As socket.io-parser: a payload, when there is one, must be of its type's shape; JSON null is none. */
    private static void validate(PacketType type, boolean present, Object data) throws ProtocolException {
        boolean valid = switch (type) {
            case CONNECT -> !present || data instanceof Map;
            case DISCONNECT -> !present;
            case CONNECT_ERROR -> data instanceof String || data instanceof Map;
            case EVENT, BINARY_EVENT -> data instanceof List<?> list && !list.isEmpty()
                    && (list.get(0) instanceof Number
                    || list.get(0) instanceof String name && !RESERVED_EVENTS.contains(name));
            case ACK, BINARY_ACK -> data instanceof List;
        };
        if (!valid) {
            throw new ProtocolException("invalid payload for " + type);
        }
    }

    private static Object reconstruct(Object value, List<byte[]> buffers) throws ProtocolException {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(reconstruct(item, buffers));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            if (Boolean.TRUE.equals(map.get("_placeholder"))) {
                if (map.get("num") instanceof Long num && num >= 0 && num < buffers.size()) {
                    return buffers.get(num.intValue());
                }
                throw new ProtocolException("invalid attachment placeholder");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            for (Map.Entry<String, Object> entry : object.entrySet()) {
                entry.setValue(reconstruct(entry.getValue(), buffers));
            }
            return object;
        }
        return value;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
