package dev.parley.chat.auth;

import java.time.Instant;

/** The answer to {@code POST /api/auth/token}: send {@code Authorization: Bearer <token>} or {@code auth: { token }}. */
public record IssuedToken(String token, String tokenType, Instant expiresAt) {
}
