package dev.parley.chat.auth;

/**
 * A user's password changed: every sign-in made with the old one ends, on every instance, except
 * {@code keptSignIn} (the browser sign-in that made the change; null after an administrator's reset).
 */
public record PasswordChanged(long userId, String keptSignIn) {
}
