package dev.parley.chat.rest;

import jakarta.json.JsonValue;

/**
 * {@code { username, password }}, and for sign-up an optional {@code displayName}: a raw JSON value, as the
 * other names people give are ({@link RequestBodies}), so a number is refused rather than made a name.
 */
public record LoginRequest(String username, String password, JsonValue displayName) {

    String displayNameString() {
        return RequestBodies.string(displayName, "displayName");
    }
}
