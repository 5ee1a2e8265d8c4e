package dev.parley.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 127.0.0.1 ::1,fd00::/8");

    @Test
    void addressesAndBlocksOfBothFamiliesAreTrusted() {
        assertTrue(proxies.trusts("10.200.3.4"));
        assertTrue(proxies.trusts("127.0.0.1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"), "the way Payara writes ::1");
        assertTrue(proxies.trusts("fd12:3456::1"));
        assertTrue(proxies.trusts("::ffff:10.0.0.9"), "an IPv4-mapped address is its IPv4 address");
        assertFalse(proxies.trusts("11.0.0.1"));
        assertFalse(proxies.trusts("127.0.0.2"));
        assertFalse(proxies.trusts("fe80::1"));
        assertFalse(proxies.trusts(null));
        assertTrue(TrustedProxies.parse("192.168.4.0/22").trusts("192.168.7.255"));
        assertFalse(TrustedProxies.parse("192.168.4.0/22").trusts("192.168.8.0"));
        assertFalse(TrustedProxies.parse("").trusts("127.0.0.1"), "nobody by default");
    }

    @Test
    void theClientIsTheNearestForwardedHopThatIsNoTrustedProxy() {
        assertEquals("203.0.113.7", proxies.clientAddress("10.0.0.1", List.of("203.0.113.7")));
        assertEquals("203.0.113.7", proxies.clientAddress("10.0.0.1", List.of("203.0.113.7, 10.0.0.2")), "two proxies");
        assertEquals("203.0.113.7", proxies.clientAddress("10.0.0.1", List.of("198.51.100.1", "203.0.113.7")),
                "the hop a client wrote itself, left of the proxy's, is not believed");
        assertEquals("203.0.113.7", proxies.clientAddress("10.0.0.1", List.of("203.0.113.7:51234")), "with a port");
        assertEquals("2001:db8::7", proxies.clientAddress("10.0.0.1", List.of("[2001:db8::7]:443")));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.1", List.of("10.0.0.2")), "only proxies: the first");
        assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.1", List.of()), "no header: the peer");
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.1", List.of("unknown, 10.0.0.2")),
                "what is no address ends the walk at the last proxy");
    }

    @Test
    void onlyAddressLiteralsAreReadAndNothingIsLookedUp() {
        assertEquals(4, TrustedProxies.literal("192.0.2.1").length);
        assertEquals(16, TrustedProxies.literal("2001:db8::1").length);
        assertNull(TrustedProxies.literal("256.0.0.1"));
        assertNull(TrustedProxies.literal("localhost"));
        assertNull(TrustedProxies.literal("example.com"));
        assertNull(TrustedProxies.literal("1234"));
        assertNull(TrustedProxies.literal("dead:beef:zz::1"));
        assertNull(TrustedProxies.literal("fe80::1%eth0"));
    }

    @Test
    void aNameOrABadBlockInTheSettingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.internal"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/x"));
    }
}
