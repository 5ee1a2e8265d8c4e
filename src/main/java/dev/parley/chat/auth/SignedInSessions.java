package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpSession;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's signed-in HTTP sessions, by sign-in: the Servlet API cannot list sessions, and a password
 * change must end those of the user's other sign-ins, a rename update the account they hold. Sessions are
 * added when they sign in and forgotten when they end ({@link SessionWatcher}).
 */
@ApplicationScoped
public class SignedInSessions {

    private record Held(long userId, HttpSession session) {
    }

    private final Map<String, Held> bySignIn = new ConcurrentHashMap<>();

    /** A session that {@link SignedIn#start} signed in just now. */
    public void add(long userId, HttpSession session) {
        SignedIn.signIn(session).ifPresent(signIn -> bySignIn.put(signIn, new Held(userId, session)));
    }

    public void forget(String signIn) {
        bySignIn.remove(signIn);
    }

    /**
     * Ends the user's sessions on this instance except that of {@code kept} (none when null); each end is
     * heard as a {@link SessionEnded}, which closes the sockets it opened. Returns how many ended.
     */
    public int endAllBut(long userId, String kept) {
        int ended = 0;
        for (var entry : Map.copyOf(bySignIn).entrySet()) {
            if (entry.getValue().userId() == userId && !entry.getKey().equals(kept)) {
                bySignIn.remove(entry.getKey());
                try {
                    entry.getValue().session().invalidate();
                    ended++;
                } catch (IllegalStateException alreadyEnded) {
                    // ended meanwhile by its logout or expiry
                }
            }
        }
        return ended;
    }

    /** The user's sessions on this instance hold {@code user} from now on (a new display name). */
    public void refresh(AccountView user) {
        for (Held held : bySignIn.values()) {
            if (held.userId() == user.id()) {
                SignedIn.refresh(held.session(), user);
            }
        }
    }
}
