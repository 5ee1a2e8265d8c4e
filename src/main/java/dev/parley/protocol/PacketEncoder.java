package dev.parley.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Socket.IO v5 packets to Engine.IO frames: one text frame, followed by one binary frame per attachment.
 * Byte arrays anywhere in the data turn an EVENT/ACK into BINARY_EVENT/BINARY_ACK with placeholders.
 */
public final class PacketEncoder {

    private final JsonWriter json;

    public PacketEncoder(JsonWriter json) {
        this.json = json;
    }

    public List<Frame> encode(Packet packet) {
        StringBuilder out = new StringBuilder(64);
        out.append(EnginePacketType.MESSAGE.code()).append(packet.type().code());
        int headerEnd = out.length();
        if (!"/".equals(packet.namespace())) {
            out.append(packet.namespace()).append(',');
        }
        if (packet.hasId()) {
            out.append(packet.id());
        }
        List<byte[]> attachments = new ArrayList<>(0);
        if (packet.data() != null) {
            json.write(packet.data(), out, attachments);
        }
        if (attachments.isEmpty()) {
            return List.of(new Frame(out.toString(), null));
        }
        PacketType binaryType = packet.type() == PacketType.ACK ? PacketType.BINARY_ACK : PacketType.BINARY_EVENT;
        out.setCharAt(headerEnd - 1, binaryType.code());
        out.insert(headerEnd, attachments.size() + "-");
        List<Frame> frames = new ArrayList<>(1 + attachments.size());
        frames.add(new Frame(out.toString(), null));
        for (byte[] attachment : attachments) {
            frames.add(Frame.binary(attachment));
        }
        return List.copyOf(frames);
    }
}
