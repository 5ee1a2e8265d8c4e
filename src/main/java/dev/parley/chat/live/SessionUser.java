package dev.parley.chat.live;

import dev.parley.chat.auth.SignedIn;
import dev.parley.transport.HandshakeAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpSession;

import java.util.Map;

/**
 * At the WebSocket handshake (and the first polling request), copies the HTTP session's signed-in user
 * into the connection's attributes, with the session id so logout can find the sockets it opened.
 */
@ApplicationScoped
public class SessionUser implements HandshakeAttributes {

    static final String USER = "parley.chat.user";
    static final String SESSION_ID = "parley.chat.sessionId";
    /** The HTTP session itself: a CONNECT checks it is still signed in to the same user (not logged out since). */
    static final String SESSION = "parley.chat.session";

    @Override
    public void contribute(HttpSession session, Map<String, Object> attributes) {
        SignedIn.user(session).ifPresent(user -> {
            attributes.put(USER, user);
            attributes.put(SESSION_ID, session.getId());
            attributes.put(SESSION, session);
        });
    }
}
