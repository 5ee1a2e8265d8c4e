package dev.parley.chat.rest;

import dev.parley.chat.account.AccountView;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * The signed-in account behind a REST request, as {@link ApiAuthFilter} found it, and the browser sign-in
 * it came with: its session's, or its token's (null for a token got with the password).
 */
record Caller(AccountView account, String scheme, String signIn) implements Principal {

    static AccountView of(SecurityContext security) {
        return caller(security).account();
    }

    static Caller caller(SecurityContext security) {
        if (security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        // Only a @Public method can get here without a caller; it must not ask for one.
        throw new IllegalStateException("No signed-in caller on this request");
    }

    @Override
    public String getName() {
        return account.username();
    }

    SecurityContext asSecurityContext(boolean secure) {
        Caller self = this;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return self;
            }

            @Override
            public boolean isUserInRole(String role) {
                return "admin".equals(role) && account.admin();
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }
}
