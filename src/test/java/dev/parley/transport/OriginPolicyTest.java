package dev.parley.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    @Test
    void withAnEmptyListOnlyThisServerAndClientsWithoutAnOriginGetIn() {
        OriginPolicy policy = new OriginPolicy(List.of());
        assertTrue(policy.allows(null, "chat.example:8080"));
        assertTrue(policy.allows("http://chat.example:8080", "chat.example:8080"));
        assertTrue(policy.trusts("http://chat.example:8080", "chat.example:8080"));
        assertFalse(policy.allows("http://evil.example", "chat.example:8080"));
        assertFalse(policy.allows("http://chat.example:9090", "chat.example:8080"));
        assertFalse(policy.trusts(null, "chat.example:8080"));
    }

    @Test
    void aListedOriginIsTrustedWithCredentialsWhateverItsCaseOrTrailingSlash() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example/"));
        assertTrue(policy.allows("HTTPS://APP.example", "chat.example"));
        assertTrue(policy.trusts("https://app.example", "chat.example"));
        assertFalse(policy.allows("https://app.example:8443", "chat.example"));
    }

    @Test
    void anOriginLetInByTheWildcardAloneIsNotTrustedWithCredentials() {
        OriginPolicy policy = new OriginPolicy(List.of("*", "https://app.example"));
        assertTrue(policy.allows("http://anyone.example", "chat.example"));
        assertFalse(policy.trusts("http://anyone.example", "chat.example"));
        assertTrue(policy.trusts("https://app.example", "chat.example"));
        assertTrue(policy.trusts("http://chat.example", "chat.example"));
        assertFalse(policy.acceptsCookies("http://anyone.example", "chat.example"), "not signed in as the visitor");
        assertTrue(policy.acceptsCookies("https://app.example", "chat.example"));
        assertTrue(policy.acceptsCookies(null, "chat.example"), "no page: curl, a server-side client");
    }
}
