package dev.parley.realtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a socket was opened with: the CONNECT packet's {@code auth} payload, the HTTP request's query and
 * headers (lower-case names), the peer address, and attributes the transport attached (the HTTP-session user).
 */
public record Handshake(Map<String, Object> auth, Map<String, List<String>> query,
                        Map<String, List<String>> headers, String address, Map<String, Object> attributes,
                        Instant issued) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
