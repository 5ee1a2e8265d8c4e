package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Access tokens for clients without a browser session: issued by {@code POST /api/auth/token}, checked
 * by the REST filter and by the Socket.IO middleware ({@link #verify}).
 *
 * <p>The HMAC secret comes from {@code parley.auth.token-secret} (env {@code PARLEY_AUTH_TOKEN_SECRET},
 * at least 32 characters). Without one a random secret is made at start-up: tokens then die with the
 * process and are not shared between instances.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

    private Accounts accounts;
    private TokenSigner signer;
    private Duration lifetime;

    protected AccessTokens() {
        // for CDI proxies
    }

    @Inject
    public AccessTokens(Accounts accounts,
                        @ConfigProperty(name = "parley.auth.token-secret") Optional<String> secret,
                        @ConfigProperty(name = "parley.auth.token-ttl-minutes", defaultValue = "720") long ttlMinutes) {
        this.accounts = accounts;
        this.signer = new TokenSigner(secret.map(AccessTokens::configured).orElseGet(AccessTokens::generated));
        this.lifetime = Duration.ofMinutes(ttlMinutes);
    }

    public IssuedToken issue(AccountView account) {
        Instant expiresAt = Instant.now().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new IssuedToken(signer.sign(account.id(), expiresAt), "Bearer", expiresAt);
    }

    /** The account a valid, unexpired token names, as it is now (so a deleted account's tokens stop working). */
    public Optional<AccountView> verify(String token) {
        return signer.verify(token, Instant.now()).flatMap(accounts::find);
    }

    private static byte[] configured(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("parley.auth.token-secret must be at least 32 characters long");
        }
        return bytes;
    }

    private static byte[] generated() {
        LOG.warning("parley.auth.token-secret is not set: using a random secret, so access tokens end with this "
                + "process and are not valid on other instances");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
