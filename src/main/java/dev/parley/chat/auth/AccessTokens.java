package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Access tokens for clients without a browser session: issued by {@code POST /api/auth/token}, checked
 * by the REST filter and by the Socket.IO middleware ({@link #verify}).
 *
 * <p>The HMAC secret comes from {@code parley.auth.token-secret} (env {@code PARLEY_AUTH_TOKEN_SECRET},
 * at least 32 characters). Without one, the server makes one at its first start and keeps it in the database
 * ({@link StoredTokenSecret}): tokens outlive a restart, and instances on one database share it.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

    private Accounts accounts;
    private RevokedSignIns revoked;
    private TokenSigner signer;
    private Duration lifetime;

    protected AccessTokens() {
        // for CDI proxies
    }

    @Inject
    public AccessTokens(Accounts accounts, RevokedSignIns revoked, StoredTokenSecret stored,
                        @ConfigProperty(name = "parley.auth.token-secret") Optional<String> secret,
                        @ConfigProperty(name = "parley.auth.token-ttl-minutes", defaultValue = "720") long ttlMinutes) {
        this.accounts = accounts;
        this.revoked = revoked;
        this.signer = new TokenSigner(secret.map(AccessTokens::configured).orElseGet(() -> stored(stored)));
        this.lifetime = Duration.ofMinutes(ttlMinutes);
    }

    public IssuedToken issue(AccountView account) {
        return issue(account, null);
    }

    /** A token for a browser sign-in ({@link SignedIn#signIn}): its logout ends the token too. */
    public IssuedToken issue(AccountView account, String signIn) {
        Instant expiresAt = Instant.now().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int version = accounts.credentialsVersion(account.id());
        return new IssuedToken(signer.sign(account.id(), expiresAt, signIn, version), "Bearer", expiresAt);
    }

    /**
     * The account a valid, unexpired token names, as it is now (so a deleted account's tokens stop working),
     * unless the browser sign-in it was issued to has ended or the password has changed since.
     */
    public Optional<SignedInUser> verify(String token) {
        return signer.claims(token, Instant.now())
                .filter(claims -> claims.signIn() == null || !revoked.isRevoked(claims.signIn()))
                .flatMap(claims -> accounts.findAtVersion(claims.accountId(), claims.credentialsVersion())
                        .map(account -> new SignedInUser(account, claims.signIn())));
    }

    /**
     * Why {@link #verify} refused a token, in words a client can act on: {@code "token expired"} (get a new
     * one), {@code "signed out"} (its browser sign-in ended), {@code "password changed"} (sign in again with
     * the new one), {@code "account not found"}, or {@code "token not valid"} for anything this server did
     * not sign, which tells a forger nothing.
     */
    public String refusal(String token) {
        Optional<TokenSigner.Claims> ours = signer.claims(token, Instant.EPOCH); // the signature, whatever its expiry
        if (ours.isEmpty()) {
            return "token not valid";
        }
        if (signer.claims(token, Instant.now()).isEmpty()) {
            return "token expired";
        }
        String signIn = ours.get().signIn();
        if (signIn != null && revoked.isRevoked(signIn)) {
            return "signed out";
        }
        return accounts.find(ours.get().accountId()).isPresent() ? "password changed" : "account not found";
    }

    /** Ends the tokens of a browser sign-in, for as long as any of them could still be valid. */
    public void revoke(String signIn) {
        revoked.revoke(signIn, Instant.now().plus(lifetime).plusSeconds(60));
    }

    private static byte[] configured(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("parley.auth.token-secret must be at least 32 characters long");
        }
        return bytes;
    }

    private static byte[] stored(StoredTokenSecret stored) {
        LOG.info("parley.auth.token-secret is not set: access tokens are signed with the secret this server made "
                + "and keeps in its database; set it in production (anyone who reads the database could sign)");
        return stored.load();
    }
}
