package dev.parley.chat.auth;

import dev.parley.chat.account.AccountView;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.logging.Logger;

/**
 * Fires {@link SessionEnded} when a signed-in session ends: logout invalidates the session, expiry
 * destroys it, and both come through here, so observers hear of each end exactly once.
 */
@WebListener
public class SessionWatcher implements HttpSessionListener {

    private static final Logger LOG = Logger.getLogger(SessionWatcher.class.getName());

    @Inject
    Event<SessionEnded> sessionEnded;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        var user = SignedIn.user(session);
        if (user.isEmpty()) {
            return;
        }
        AccountView account = user.get();
        try {
            sessionEnded.fire(new SessionEnded(session.getId(), account.id()));
        } catch (RuntimeException e) {
            // An observer's failure must not stop the container from finishing the invalidation.
            LOG.warning(() -> "An observer of SessionEnded failed for user " + account.id() + ": " + e);
        }
    }
}
