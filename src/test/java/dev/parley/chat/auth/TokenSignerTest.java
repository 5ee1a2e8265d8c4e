package dev.parley.chat.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSignerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final byte[] SECRET = "a secret of thirty-two bytes, ok".getBytes(StandardCharsets.UTF_8);
    private final TokenSigner signer = new TokenSigner(SECRET);

    @Test
    void aTokenNamesItsAccountUntilItExpires() {
        String token = signer.sign(42, NOW.plusSeconds(60));
        assertEquals(Optional.of(42L), signer.verify(token, NOW));
        assertEquals(Optional.of(42L), signer.verify(token, NOW.plusSeconds(59)));
        assertEquals(Optional.empty(), signer.verify(token, NOW.plusSeconds(60)));
    }

    @Test
    void aTokenCarriesTheCredentialsVersionItWasIssuedUnder() {
        String token = signer.sign(42, NOW.plusSeconds(60), "sign-in-1", 3);
        assertEquals(Optional.of(new TokenSigner.Claims(42, "sign-in-1", 3)), signer.claims(token, NOW));
    }

    @Test
    void aTokenFromBeforeVersionsReadsAsVersionZero() throws Exception {
        // signed by hand as tokens were before the ver claim: no "ver" in the payload
        String signed = signer.sign(1, NOW).split("\\.")[0] + "."
                + encode("{\"sub\":\"42\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        String token = signed + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.of(new TokenSigner.Claims(42, null, 0)), signer.claims(token, NOW));
    }

    @Test
    void aTokenIsACompactHs256Jwt() {
        String[] parts = signer.sign(7, NOW).split("\\.");
        assertEquals(3, parts.length);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"HS256\""), header);
    }

    @Test
    void aChangedPayloadBreaksTheSignature() {
        String[] parts = signer.sign(42, NOW.plusSeconds(60)).split("\\.");
        String otherAccount = encode("{\"sub\":\"1\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");
        assertEquals(Optional.empty(), signer.verify(parts[0] + "." + otherAccount + "." + parts[2], NOW));
    }

    @Test
    void anotherSecretsTokenIsRefused() {
        TokenSigner other = new TokenSigner("another secret, also 32 bytes ok".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), signer.verify(other.sign(42, NOW.plusSeconds(60)), NOW));
    }

    @Test
    void unsignedAlgNoneTokensAreRefused() {
        String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode("{\"sub\":\"42\",\"exp\":9999999999}") + ".";
        assertEquals(Optional.empty(), signer.verify(none, NOW));
    }

    @Test
    void malformedTokensAreRefusedWithoutThrowing() {
        String header = signer.sign(1, NOW).split("\\.")[0];
        for (String bad : new String[]{null, "", ".", "a.b.c", header + ".!!!.???", header + "." + encode("not json") + ".x",
                header + "." + encode("{\"exp\":1}") + ".x", "x".repeat(5000)}) {
            assertEquals(Optional.empty(), signer.verify(bad, NOW), String.valueOf(bad));
        }
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenSigner(new byte[16]));
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
