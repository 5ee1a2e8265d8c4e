package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.auth.AccessTokens;
import dev.parley.chat.auth.SignedIn;
import dev.parley.chat.auth.SignedInUser;
import dev.parley.realtime.Middleware;
import dev.parley.realtime.Socket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Who a connecting socket is: the user of the HTTP session the handshake carried, or else the signed
 * token of its CONNECT {@code auth} payload ({@code { token }}). Neither: {@code connect_error}
 * "Unauthorized" with {@code data.reason} ("not signed in", or why the token was refused), and the socket is
 * never admitted.
 */
@ApplicationScoped
public class ChatAuthentication {

    private static final Logger LOG = Logger.getLogger(ChatAuthentication.class.getName());
    private static final String ACCOUNT = "parley.chat.account";
    /** The browser sign-in the socket came in with (its session's, or its token's), if any. */
    private static final String SIGN_IN = "parley.chat.signIn";

    @Inject
    AccessTokens tokens;

    /** Admits signed-in users; {@code adminsOnly} refuses the others with "Forbidden". */
    Middleware middleware(boolean adminsOnly) {
        return (socket, next) -> {
            Optional<SignedInUser> identity = identify(socket);
            Optional<AccountView> user = identity.map(SignedInUser::account);
            AccountView before = socket.recovered() ? account(socket) : null; // whose socket it was
            if (user.isEmpty()) {
                String reason = refusal(socket);
                LOG.info(() -> "socket refused on " + socket.namespace().name() + " from " + socket.handshake().address()
                        + ": " + reason);
                next.reject("Unauthorized", Map.of("reason", reason));
            } else if (before != null && before.id() != user.get().id()) {
                // a private id is a secret like a token, but it must not carry one user's rooms to another
                LOG.info(() -> "user " + user.get().username() + " refused the recovery of a socket of user "
                        + before.username() + " on " + socket.namespace().name());
                next.reject("Unauthorized", Map.of("reason", "socket of another user"));
            } else if (adminsOnly && !user.get().admin()) {
                LOG.info(() -> "user " + user.get().username() + " refused on " + socket.namespace().name());
                next.reject("Forbidden");
            } else {
                socket.data().put(ACCOUNT, user.get());
                String signIn = identity.get().signIn();
                if (signIn != null) {
                    socket.data().put(SIGN_IN, signIn);
                } else {
                    socket.data().remove(SIGN_IN); // a recovered socket's earlier one
                }
                next.proceed();
            }
        };
    }

    /** The user, and the browser sign-in they came with: the session's, else the token's. */
    private Optional<SignedInUser> identify(Socket socket) {
        Map<String, Object> attributes = socket.handshake().attributes();
        if (attributes.get(SessionUser.USER) instanceof AccountView user
                && attributes.get(SessionUser.SESSION) instanceof HttpSession session) {
            // the session still signed in to that user: not logged out since the handshake (maybe renamed)
            Optional<AccountView> now = SignedIn.user(session).filter(held -> held.id() == user.id());
            if (now.isPresent()) {
                return Optional.of(new SignedInUser(now.get(), SignedIn.signIn(session).orElse(null)));
            }
        }
        if (socket.handshake().auth().get("token") instanceof String token) {
            return tokens.verify(token);
        }
        return Optional.empty();
    }

    /** Why no one was identified: no session and no token, or what is wrong with the token. */
    private String refusal(Socket socket) {
        return socket.handshake().auth().get("token") instanceof String token ? tokens.refusal(token) : "not signed in";
    }

    static AccountView account(Socket socket) {
        return (AccountView) socket.data().get(ACCOUNT);
    }

    static boolean belongsTo(Socket socket, long userId) {
        AccountView account = account(socket);
        return account != null && account.id() == userId;
    }

    /** The socket's user as they now are (a new display name). */
    static void refresh(Socket socket, AccountView account) {
        if (belongsTo(socket, account.id())) {
            socket.data().put(ACCOUNT, account);
        }
    }

    static String signIn(Socket socket) {
        return (String) socket.data().get(SIGN_IN);
    }
}
