package dev.parley.chat.auth;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which sockets a session's end reaches, by the session id each remembers from its handshake. */
class SessionEndedTest {

    @Test
    void aSocketOfThatSessionUnderAnyOfItsIdsButNotOneWithoutASession() {
        SessionEnded ended = new SessionEnded("now", 7, Set.of("before", "first"));
        assertTrue(ended.had("now"));
        assertTrue(ended.had("first"));
        assertFalse(ended.had("another"));
        // a token-only socket has no session id: it must be passed over, not stop the loop over the sockets
        assertFalse(ended.had(null));
        assertFalse(new SessionEnded("now", 7, Set.of()).had(null));
    }
}
