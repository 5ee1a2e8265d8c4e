package dev.parley.chat.live;

import dev.parley.chat.auth.PasswordChanged;
import dev.parley.chat.auth.SignedInSessions;
import dev.parley.realtime.Socket;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * After a password change, the user's other sign-ins end here and on every other instance: their HTTP
 * sessions, and the sockets they or their tokens opened. The tokens themselves stop working by their
 * credentials version ({@code AccessTokens}), so a socket cut off cannot come back in with one.
 */
@ApplicationScoped
public class PasswordChanges {

    private static final Logger LOG = Logger.getLogger(PasswordChanges.class.getName());
    /** The server-side event that tells the other instances: {@code "<userId> <kept sign-in or ->"}. */
    static final String PASSWORD_CHANGED = "password-changed";
    private static final String NONE = "-";

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    SignedInSessions sessions;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.onServerSideEmit(PASSWORD_CHANGED, said -> {
            String[] parts = said.split(" ", 2);
            endHere(Long.parseLong(parts[0]), NONE.equals(parts[1]) ? null : parts[1]);
        });
    }

    void changed(@Observes PasswordChanged changed) {
        endHere(changed.userId(), changed.keptSignIn());
        io.serverSideEmit(PASSWORD_CHANGED, () -> changed.userId() + " "
                + Objects.requireNonNullElse(changed.keptSignIn(), NONE));
    }

    private void endHere(long userId, String kept) {
        int sessionsEnded = sessions.endAllBut(userId, kept);
        List<Socket> sockets = registry.sockets().stream()
                .filter(socket -> ChatAuthentication.belongsTo(socket, userId)
                        && (kept == null || !kept.equals(ChatAuthentication.signIn(socket))))
                .toList();
        sockets.forEach(Socket::disconnectAll);
        if (sessionsEnded > 0 || !sockets.isEmpty()) {
            LOG.info(() -> "password of user " + userId + " changed: ended " + sessionsEnded + " sessions and "
                    + sockets.size() + " sockets of other sign-ins on this instance");
        }
    }
}
