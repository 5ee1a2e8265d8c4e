package dev.parley.chat.account;

import dev.parley.chat.ChatException;
import dev.parley.chat.Text;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rules a new account's username, display name and password must meet. */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 200;
    public static final int MAX_DISPLAY_NAME_LENGTH = 64;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

    private Credentials() {
    }

    /** Usernames are compared case-insensitively, so they are stored lower case. */
    public static String normalizeUsername(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    public static String validUsername(String username) {
        String normalized = normalizeUsername(username);
        if (!USERNAME.matcher(normalized).matches()) {
            throw ChatException.invalid(
                    "A username is 3 to 32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return normalized;
    }

    /** An empty display name falls back to the username. */
    public static String validDisplayName(String displayName, String username) {
        String trimmed = displayName == null ? "" : Text.trim(displayName);
        if (Text.invisible(trimmed)) {
            return username;
        }
        if (trimmed.length() > MAX_DISPLAY_NAME_LENGTH || !Text.isOneLine(trimmed)) {
            throw ChatException.invalid("A display name is at most " + MAX_DISPLAY_NAME_LENGTH
                    + " characters, without control characters or unpaired surrogates");
        }
        return trimmed;
    }

    public static String validPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw ChatException.invalid("A password is " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                    + " characters");
        }
        return password;
    }
}
