package dev.parley.chat.account;

import dev.parley.chat.ChatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialsTest {

    @Test
    void usernamesAreTrimmedAndLowerCased() {
        assertEquals("alice", Credentials.validUsername("  Alice "));
    }

    @Test
    void usernamesAreThreeToThirtyTwoSafeCharacters() {
        assertEquals("a.b_c-9", Credentials.validUsername("a.b_c-9"));
        for (String bad : new String[]{null, "", "ab", "x".repeat(33), "has space", "-leading", "émile", "a/b"}) {
            assertThrows(ChatException.class, () -> Credentials.validUsername(bad), String.valueOf(bad));
        }
    }

    @Test
    void anEmptyDisplayNameFallsBackToTheUsername() {
        assertEquals("alice", Credentials.validDisplayName("  ", "alice"));
        assertEquals("Alice Liddell", Credentials.validDisplayName(" Alice Liddell ", "alice"));
        assertThrows(ChatException.class, () -> Credentials.validDisplayName("x".repeat(65), "alice"));
        assertThrows(ChatException.class, () -> Credentials.validDisplayName("bell\u0007", "alice"));
        assertEquals("alice", Credentials.validDisplayName("\u200b\u00a0", "alice"), "nothing visible");
        assertThrows(ChatException.class, () -> Credentials.validDisplayName("half \ud83d", "alice"));
    }

    @Test
    void passwordsAreEightToTwoHundredCharacters() {
        assertEquals("12345678", Credentials.validPassword("12345678"));
        assertThrows(ChatException.class, () -> Credentials.validPassword("1234567"));
        assertThrows(ChatException.class, () -> Credentials.validPassword("x".repeat(201)));
        assertThrows(ChatException.class, () -> Credentials.validPassword(null));
    }
}
