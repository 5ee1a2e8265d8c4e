package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is signed in to an HTTP session. The WebSocket handshake configurator and the polling servlet read
 * it with {@link #user(HttpSession)}; the login endpoints write it with {@link #start}.
 */
public final class SignedIn {

    /** The session attribute holding the {@link AccountView} of the signed-in user. */
    public static final String SESSION_ATTRIBUTE = "dev.parley.chat.user";
    /** This sign-in's own id: the tokens the page gets for it name it, and its logout revokes them. */
    private static final String SIGN_IN_ATTRIBUTE = "dev.parley.chat.signIn";

    private SignedIn() {
    }

    public static Optional<AccountView> user(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(SESSION_ATTRIBUTE) instanceof AccountView user
                    ? Optional.of(user) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    public static Optional<AccountView> user(HttpServletRequest request) {
        return user(request.getSession(false));
    }

    /**
     * Signs {@code user} in to this request's session. An existing session gets a new id first, so an
     * id planted before login (session fixation) is worth nothing after it.
     */
    public static HttpSession start(HttpServletRequest request, AccountView user) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(SESSION_ATTRIBUTE, user);
        session.setAttribute(SIGN_IN_ATTRIBUTE, UUID.randomUUID().toString());
        return session;
    }

    /** The signed-in user's account as it now is (renamed): the session goes on holding the same sign-in. */
    static void refresh(HttpSession session, AccountView user) {
        try {
            if (user(session).filter(held -> held.id() == user.id()).isPresent()) {
                session.setAttribute(SESSION_ATTRIBUTE, user);
            }
        } catch (IllegalStateException invalidated) {
            // ended meanwhile: nothing to refresh
        }
    }

    /** The id of the sign-in this session holds, if it holds one. */
    public static Optional<String> signIn(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(SIGN_IN_ATTRIBUTE) instanceof String id ? Optional.of(id) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }
}
