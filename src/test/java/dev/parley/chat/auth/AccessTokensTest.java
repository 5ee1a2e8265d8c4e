package dev.parley.chat.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a client is told when its token is refused; the database-backed cases are in the socket ITs. */
class AccessTokensTest {

    private static final String SECRET = "a secret of thirty-two bytes, ok";

    /** No accounts and no revocations: the refusals below must not need them. */
    private static AccessTokens withLifetime(long minutes) {
        return new AccessTokens(null, null, null, Optional.of(SECRET), minutes);
    }

    @Test
    void anExpiredTokenOfOursIsSaidToHaveExpired() {
        String token = new TokenSigner(SECRET.getBytes(StandardCharsets.UTF_8)).sign(42, Instant.now());
        assertEquals("token expired", withLifetime(720).refusal(token));
    }

    @Test
    void anythingWeDidNotSignIsNotValidWhateverItSays() {
        AccessTokens tokens = withLifetime(720);
        TokenSigner other = new TokenSigner("another secret, also 32 bytes ok".getBytes(StandardCharsets.UTF_8));
        String expiredElsewhere = other.sign(42, Instant.now().minusSeconds(60));
        for (String bad : new String[]{"not.a.token", "", other.sign(42, Instant.now().plusSeconds(600)), expiredElsewhere}) {
            assertEquals("token not valid", tokens.refusal(bad), bad);
        }
    }
}
