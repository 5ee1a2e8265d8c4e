package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;

/**
 * Who a session or a token lets in, and by which browser sign-in ({@link SignedIn#signIn}; null for a token
 * got with the password): a password change keeps that one sign-in and ends the others.
 */
public record SignedInUser(AccountView account, String signIn) {
}
