package dev.parley.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the HTTP request that opened a connection said: query, headers (lower-case names, as Node gives
 * them), peer address, and attributes the transport attached (for instance the user of the HTTP session the
 * request carried).
 */
public record HandshakeData(Map<String, List<String>> query, Map<String, List<String>> headers,
                            String remoteAddress, Map<String, Object> attributes) {

    /** The headers are kept for the connection's life, once: an immutable map, so no spare table or lists. */
    public HandshakeData {
        Map<String, List<String>> lower = new HashMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT),
                values == null ? List.of() : values, HandshakeData::both));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Map.copyOf(lower);
    }

    private static List<String> both(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
