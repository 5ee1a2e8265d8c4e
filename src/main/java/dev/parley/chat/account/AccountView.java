package dev.parley.chat.account;

import java.io.Serializable;

/**
 * What the rest of Parley knows about a signed-in person. Serializable because it is kept in the
 * HTTP session (see {@code dev.parley.chat.auth.SignedIn}).
 */
public record AccountView(long id, String username, String displayName, boolean admin) implements Serializable {
}
