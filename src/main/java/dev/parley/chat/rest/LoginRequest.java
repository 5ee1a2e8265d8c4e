package dev.parley.chat.rest;

/** {@code { username, password }}, and for sign-up an optional {@code displayName}. */
public record LoginRequest(String username, String password, String displayName) {
}
