package dev.parley.protocol;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v4 framing. A WebSocket frame holds one packet; an HTTP long-polling body holds several,
 * separated by the record separator {@code \x1e}, with binary packets as {@code b} + base64.
 */
public final class EngineCodec {

    public static final char SEPARATOR = '\u001e';

    private EngineCodec() {
    }

    /**
     * Decodes one text packet, as received in a WebSocket text frame or a polling body's segment. A {@code b}
     * and base64 is a binary message: what polling always sends, and what socket.io-client sends over
     * WebSocket too with {@code forceBase64} (Node's parser takes it from either transport).
     */
    public static EnginePacket decode(String frame) throws ProtocolException {
        if (frame == null || frame.isEmpty()) {
            throw new ProtocolException("empty Engine.IO packet");
        }
        if (frame.charAt(0) == 'b') {
            try {
                return EnginePacket.binaryMessage(Base64.getDecoder().decode(withoutLineBreaks(frame.substring(1))));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("invalid base64 in binary packet", e);
            }
        }
        EnginePacketType type = EnginePacketType.of(frame.charAt(0));
        return new EnginePacket(type, frame.substring(1), null);
    }

    /** Decodes a long-polling POST body into its packets. */
    public static List<EnginePacket> decodePayload(String body) throws ProtocolException {
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = body.length();
            }
            packets.add(decode(body.substring(start, end)));
            start = end + 1;
        }
        return packets;
    }

    /**
     * The Java client (io.socket, Android's Base64 with its DEFAULT flags) wraps base64 in lines of 76
     * and ends it with a newline; Node's decoder skips the breaks, so this does too. Anything else outside
     * the alphabet is still refused.
     */
    private static String withoutLineBreaks(String base64) {
        if (base64.indexOf('\n') < 0 && base64.indexOf('\r') < 0) {
            return base64;
        }
        return base64.replace("\r", "").replace("\n", "");
    }

    /** Encodes frames into one long-polling response body. */
    public static String encodePayload(List<Frame> frames) {
        StringBuilder body = new StringBuilder();
        for (Frame frame : frames) {
            if (!body.isEmpty()) {
                body.append(SEPARATOR);
            }
            body.append(frame.asBase64().text());
        }
        return body.toString();
    }
}
