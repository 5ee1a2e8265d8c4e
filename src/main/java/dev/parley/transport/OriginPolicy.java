package dev.parley.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser Origins may open a connection. No Origin header (a non-browser client) is allowed; otherwise
 * the Origin must be in the allow-list, the list must hold {@code *}, or the Origin must be this server
 * itself (same origin: its host and port equal the request's Host header). Only a listed Origin or this
 * server is {@linkplain #trusts trusted} with credentials.
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalize).toList();
        this.any = allowed.contains("*");
    }

    public boolean allowsAny() {
        return any;
    }

    public boolean allows(String origin, String host) {
        return origin == null || any || trusts(origin, host);
    }

    /**
     * The Origin is named in the list or is this server: its pages may send the user's cookies along (CORS
     * with credentials). One let in only by {@code *} may not, as with Node's {@code cors: {origin: "*"}}:
     * any site could otherwise read a signed-in user's polling session.
     */
    public boolean trusts(String origin, String host) {
        if (origin == null) {
            return false;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && sameHost(normalized, host.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the request's cookies may sign it in: it comes from no page (no Origin) or from a trusted one. A
     * page let in by {@code *} alone may connect, but not as the visitor: a WebSocket handshake carries the
     * cookies whatever the Origin (no CORS applies to it), and any page could otherwise open a socket as the
     * signed-in user (cross-site WebSocket hijacking).
     */
    public boolean acceptsCookies(String origin, String host) {
        return origin == null || trusts(origin, host);
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort();
            if (port < 0) {
                port = "https".equals(uri.getScheme()) ? 443 : 80;
            }
            String hostOnly = host;
            int hostPort = -1;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                hostOnly = host.substring(0, colon);
                hostPort = Integer.parseInt(host.substring(colon + 1));
            }
            boolean portMatches = hostPort < 0 ? (port == 80 || port == 443) : hostPort == port;
            return uri.getHost().equals(hostOnly) && portMatches;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
