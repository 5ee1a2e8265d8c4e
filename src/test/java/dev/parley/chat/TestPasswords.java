package dev.parley.chat;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;

/** The real Jakarta Security PBKDF2 implementation (Soteria's, as in Payara and WildFly), outside a container. */
public final class TestPasswords {

    /** Few iterations: the tests check behaviour, not the hash's cost. */
    public static final int ITERATIONS = 1024; // the least Pbkdf2PasswordHash accepts

    private TestPasswords() {
    }

    public static Pbkdf2PasswordHash hash() {
        return new Pbkdf2PasswordHashImpl();
    }
}
