package dev.parley.engine;

import java.util.List;
import java.util.Map;

/**
 * What the HTTP request that opened a connection said: query, headers, peer address, and attributes the
 * transport attached (for instance the user of the HTTP session the request carried).
 */
public record HandshakeData(Map<String, List<String>> query, Map<String, List<String>> headers,
                            String remoteAddress, Map<String, Object> attributes) {

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
