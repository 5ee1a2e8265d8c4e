package dev.parley.chat.auth;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs and checks access tokens: compact JWTs ({@code header.payload.signature}, HS256) whose payload
 * names the account ({@code sub}), the expiry ({@code exp}, epoch seconds) and the account's credentials
 * version when it was issued ({@code ver}; absent in tokens from before it existed, which is version 0).
 * Pure Java, so the same check serves the REST filter and the Socket.IO middleware.
 */
public final class TokenSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    /** Longer than any token this class issues; anything bigger is refused before it is parsed. */
    private static final int MAX_TOKEN_LENGTH = 1024;
    /** Looked up once: {@code Json.createReader} asks the ServiceLoader on every call (per connect). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final SecretKeySpec key;

    public TokenSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("An HS256 secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public String sign(long accountId, Instant expiresAt) {
        return sign(accountId, expiresAt, null, 0);
    }

    /** With {@code signIn}: a token of a browser sign-in, which its logout revokes ({@code sid}). */
    public String sign(long accountId, Instant expiresAt, String signIn, int credentialsVersion) {
        var claims = JSON.createObjectBuilder()
                .add("sub", Long.toString(accountId))
                .add("exp", expiresAt.getEpochSecond())
                .add("ver", credentialsVersion);
        if (signIn != null) {
            claims.add("sid", signIn);
        }
        String payload = claims.build().toString();
        String signed = HEADER + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(mac(signed));
    }

    /**
     * What a valid token says: whose it is, the browser sign-in it was issued to (or null), and the
     * account's credentials version it was issued under.
     */
    public record Claims(long accountId, String signIn, int credentialsVersion) {
    }

    /** The account id the token names, if its signature is ours and it has not expired at {@code now}. */
    public Optional<Long> verify(String token, Instant now) {
        return claims(token, now).map(Claims::accountId);
    }

    /** The token's claims, if its signature is ours and it has not expired at {@code now}. */
    public Optional<Claims> claims(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0 || !token.startsWith(HEADER + ".")) {
            return Optional.empty();
        }
        String signed = token.substring(0, lastDot);
        try {
            byte[] signature = DECODER.decode(token.substring(lastDot + 1));
            if (!MessageDigest.isEqual(signature, mac(signed))) {
                return Optional.empty();
            }
            String payload = new String(DECODER.decode(signed.substring(HEADER.length() + 1)), StandardCharsets.UTF_8);
            JsonObject claims;
            try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
                claims = reader.readObject();
            }
            JsonValue exp = claims.get("exp");
            if (!(exp instanceof JsonNumber number) || number.longValueExact() <= now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Claims(Long.parseLong(claims.getString("sub")), claims.getString("sid", null),
                    claims.getInt("ver", 0)));
        } catch (RuntimeException malformed) {
            // Bad base64, bad JSON, missing or odd claims: all simply "not a valid token".
            return Optional.empty();
        }
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
