package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Fires {@link SessionEnded} when a signed-in session ends: logout invalidates the session, expiry
 * destroys it, and both come through here, so observers hear of each end exactly once.
 */
@WebListener
public class SessionWatcher implements HttpSessionListener, HttpSessionIdListener {

    /**
     * The earlier ids of sessions whose id a sign-in changed (session fixation), by their current id: a
     * socket opened before the change knows the session by its old id, and must go when the session ends.
     */
    private static final Map<String, Set<String>> EARLIER_IDS = new ConcurrentHashMap<>();

    private static final Logger LOG = Logger.getLogger(SessionWatcher.class.getName());

    @Inject
    Event<SessionEnded> sessionEnded;

    @Inject
    SignedInSessions signedIn;

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldId) {
        Set<String> earlier = new HashSet<>(EARLIER_IDS.getOrDefault(oldId, Set.of()));
        EARLIER_IDS.remove(oldId);
        earlier.add(oldId);
        EARLIER_IDS.put(event.getSession().getId(), Set.copyOf(earlier));
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        Set<String> earlier = EARLIER_IDS.remove(session.getId());
        SignedIn.signIn(session).ifPresent(signedIn::forget);
        var user = SignedIn.user(session);
        if (user.isEmpty()) {
            return;
        }
        AccountView account = user.get();
        try {
            sessionEnded.fire(new SessionEnded(session.getId(), account.id(), earlier == null ? Set.of() : earlier));
        } catch (RuntimeException e) {
            // An observer's failure must not stop the container from finishing the invalidation.
            LOG.warning(() -> "An observer of SessionEnded failed for user " + account.id() + ": " + e);
        }
    }
}
