package dev.parley.transport;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies in front of Parley ({@code parley.trusted-proxies}: addresses and CIDR blocks, none by
 * default), whose {@code X-Forwarded-For} and {@code X-Forwarded-Host} it believes. Behind a proxy every
 * request comes from the proxy's address and, where the proxy rewrites it, to the proxy's idea of the Host:
 * without this the sign-in throttle holds back everyone at once after one user's typos, and the same-origin
 * check refuses the page's own connection. From any other peer the headers are ignored, since a client can
 * write them itself; a trusted proxy's {@code X-Forwarded-For} is read from the right, the hops it added,
 * up to the first address that is not a trusted proxy's: what a client put further left is not believed.
 */
public final class TrustedProxies {

    public static final String SETTING = "parley.trusted-proxies";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** An address with a port, as some load balancers write X-Forwarded-For: {@code 1.2.3.4:5678}, {@code [::1]:5678}. */
    private static final Pattern WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d+|\\[([^]]+)](?::\\d+)?");

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** From the configuration; an entry that is no address or CIDR block stops the deployment. */
    public static TrustedProxies configured() {
        return parse(ConfigProvider.getConfig().getOptionalValue(SETTING, String.class).orElse(""));
    }

    /** Addresses and CIDR blocks, separated by commas or spaces: {@code 10.0.0.0/8, 127.0.0.1, ::1}. */
    public static TrustedProxies parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                blocks.add(Block.parse(entry));
            }
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    /** The client's address: the peer's, or behind trusted proxies the nearest forwarded hop that is not one. */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (blocks.isEmpty() || !trusts(peer)) {
            return peer;
        }
        return clientAddress(peer, Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The Host the client asked for: the request's, or from a trusted proxy its {@code X-Forwarded-Host}. */
    public String host(HttpServletRequest request) {
        String forwarded = blocks.isEmpty() ? null : request.getHeader("X-Forwarded-Host");
        if (forwarded == null || forwarded.isBlank() || !trusts(request.getRemoteAddr())) {
            return request.getHeader("Host");
        }
        int comma = forwarded.indexOf(',');
        return (comma < 0 ? forwarded : forwarded.substring(0, comma)).strip(); // the first proxy's, the client's
    }

    /** As {@link #clientAddress(HttpServletRequest)}, for a peer that is a trusted proxy and its header lines. */
    String clientAddress(String peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(line -> hops.addAll(List.of(line.split(","))));
        String nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i).strip());
            byte[] address = literal(hop);
            if (address == null) {
                return nearest; // not an address: a trusted proxy would not have written it, so nor did one
            }
            if (!trusts(address)) {
                return hop;
            }
            nearest = hop;
        }
        return nearest; // every hop a trusted proxy: the first of them is as near the client as it gets
    }

    boolean trusts(String address) {
        byte[] bytes = address == null ? null : literal(address);
        return bytes != null && trusts(bytes);
    }

    private boolean trusts(byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutPort(String hop) {
        Matcher m = WITH_PORT.matcher(hop);
        if (!m.matches()) {
            return hop;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * The address's bytes, or null if the text is not an IP address. Never a DNS lookup: {@code InetAddress}
     * would look up anything it does not read as a literal, so only a dotted quad or a text with a colon,
     * which it reads as IPv6 or refuses, reach it.
     */
    static byte[] literal(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress(); // an IPv4-mapped address comes back as its IPv4 bytes
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    /** An address block: its network's bytes and how many leading bits an address must share with them. */
    private record Block(byte[] network, int bits) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
            int bits = -1;
            if (network != null) {
                try {
                    bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
            }
            if (network == null || bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException(SETTING + " takes IP addresses and CIDR blocks (10.0.0.0/8), not \""
                        + entry + "\"");
            }
            return new Block(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
