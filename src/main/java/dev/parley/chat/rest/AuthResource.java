package dev.parley.chat.rest;

import dev.parley.chat.ChatError;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.auth.AccessTokens;
import dev.parley.chat.auth.LoginThrottle;
import dev.parley.chat.auth.PasswordChanged;
import dev.parley.chat.auth.SignedIn;
import dev.parley.chat.auth.SignedInSessions;
import dev.parley.transport.TrustedProxies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Signing in and out: a session cookie for browsers, a bearer token for everything else. */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    AccessTokens tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    SignedInSessions sessions;

    @Inject
    Event<PasswordChanged> passwordChanged;

    /** Behind a reverse proxy, whose client a sign-in is: the throttle holds back that client, not the proxy. */
    private final TrustedProxies proxies = TrustedProxies.configured();

    @Inject
    @ConfigProperty(name = "parley.auth.signup-enabled", defaultValue = "false")
    boolean signupEnabled;

    /**
     * What the sign-in page needs on load: {@code { signup: true | false, user? }}, {@code user} being who the
     * cookie or token belongs to, if anyone. Asking {@code /api/me} instead would put a 401 in every signed-out
     * visitor's console.
     */
    @GET
    @Path("config")
    @Public
    public Map<String, Object> config(@Context SecurityContext security) {
        return security.getUserPrincipal() instanceof Caller caller
                ? Map.of("signup", signupEnabled, "user", caller.account())
                : Map.of("signup", signupEnabled);
    }

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest body, @Context HttpServletRequest request) {
        String username = body == null ? null : body.username();
        Optional<Response> wait = throttled(username, request);
        if (wait.isPresent()) {
            return wait.get();
        }
        Optional<AccountView> user = authenticate(username, body == null ? null : body.password(), request);
        if (user.isEmpty()) {
            return refused(request, username);
        }
        signIn(request, user.get());
        return Response.ok(user.get()).build();
    }

    /** A plain HTML form: success and failure both go back to the page, which shows the outcome. */
    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginForm(@FormParam("username") String username, @FormParam("password") String password,
                              @Context HttpServletRequest request) {
        // a form on another site's page (login CSRF) was refused before this, by CrossOriginGuard
        if (throttled(username, request).isPresent()) {
            return Response.seeOther(page(request, "?login=throttled")).build();
        }
        Optional<AccountView> user = authenticate(username, password, request);
        if (user.isEmpty()) {
            refused(request, username);
            return Response.seeOther(page(request, "?login=failed")).build();
        }
        signIn(request, user.get());
        return Response.seeOther(page(request, "")).build();
    }

    @POST
    @Path("logout")
    @Public
    public Response logout(@Context HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Optional<String> signIn = SignedIn.signIn(session);
            try {
                // SessionWatcher hears of it and fires SessionEnded.
                session.invalidate();
            } catch (IllegalStateException alreadyGone) {
                // nothing left to end
            }
            // the page's tokens for this sign-in end too: a tab offline now must not come back in with one
            signIn.ifPresent(this::revoke);
        }
        return Response.noContent().build();
    }

    /**
     * A bearer token for the signed-in session, or for the {@code { username, password }} in the body
     * (non-browser clients).
     */
    @POST
    @Path("token")
    @Public
    public Response token(LoginRequest body, @Context HttpServletRequest request) {
        boolean withPassword = body != null && body.username() != null;
        if (withPassword) {
            Optional<Response> wait = throttled(body.username(), request);
            if (wait.isPresent()) {
                return wait.get();
            }
        }
        Optional<AccountView> user = withPassword
                ? authenticate(body.username(), body.password(), request)
                : SignedIn.user(request);
        if (user.isEmpty()) {
            return refused(request, body == null ? null : body.username());
        }
        return Response.ok(withPassword ? tokens.issue(user.get())
                : tokens.issue(user.get(), SignedIn.signIn(request.getSession(false)).orElse(null))).build();
    }

    /** The body of {@code POST /api/auth/password}. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /**
     * The signed-in user's own password change, which needs the current password. Every other sign-in of the
     * user ends, on every instance: sessions, tokens and their sockets. The sign-in that asked (its session,
     * or the browser sign-in its token names) stays, and gets a token issued under the new password in the
     * answer, since its old ones no longer count. A wrong current password is {@code 403} and counts as a
     * failed sign-in for the throttle.
     */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body, @Context HttpServletRequest request,
                                   @Context SecurityContext security) {
        Caller caller = Caller.caller(security);
        AccountView user = caller.account();
        if (body == null) {
            return ApiError.response(ChatError.INVALID, "Send { currentPassword, newPassword }");
        }
        Optional<Response> wait = throttled(user.username(), request);
        if (wait.isPresent()) {
            return wait.get();
        }
        String address = proxies.clientAddress(request);
        boolean changed = accounts.changePassword(user.id(), body.currentPassword(), body.newPassword());
        counted(user.username(), changed, request);
        if (!changed) {
            LOG.info(() -> "Refused a password change for " + user.username() + " from " + address
                    + ": wrong current password");
            return ApiError.response(ChatError.FORBIDDEN, "The current password is not right");
        }
        passwordChanged.fire(new PasswordChanged(user.id(), caller.signIn()));
        LOG.info(() -> user.username() + " changed their password from " + address + "; their other sign-ins end");
        return Response.ok(tokens.issue(user, caller.signIn())).build();
    }

    @POST
    @Path("signup")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signup(LoginRequest body, @Context HttpServletRequest request) {
        if (!signupEnabled) {
            LOG.info("Refused sign-up: parley.auth.signup-enabled is false");
            return ApiError.response(403, "SignupDisabled", "Sign-up is switched off on this server");
        }
        if (body == null) {
            return ApiError.response(ChatError.INVALID, "Send { username, password, displayName? }");
        }
        AccountView created = accounts.create(body.username(), body.displayNameString(), body.password(), false);
        LOG.info(() -> "New account " + created.username() + " (" + created.id() + ") signed up");
        signIn(request, created);
        return Response.created(URI.create("me")).entity(created).build();
    }

    /** A new sign-in on this session ends the previous one's tokens, as its logout would have. */
    private void signIn(HttpServletRequest request, AccountView user) {
        SignedIn.signIn(request.getSession(false)).ifPresent(previous -> {
            revoke(previous);
            sessions.forget(previous);
        });
        sessions.add(user.id(), SignedIn.start(request, user));
    }

    /** Revoking must not keep a logout from ending the session: the database may be away. */
    private void revoke(String signIn) {
        try {
            tokens.revoke(signIn);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The tokens of an ended sign-in could not be revoked; they expire by themselves", e);
        }
    }

    /** A 429 with Retry-After while this name or address must wait (see {@link LoginThrottle}). */
    private Optional<Response> throttled(String username, HttpServletRequest request) {
        String address = proxies.clientAddress(request);
        return throttle.holdBack(username, address).map(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            LOG.info(() -> "Sign-in for " + (username == null ? "(no username)" : "'" + printable(username) + "'")
                    + " from " + address + " held back " + seconds + " s after repeated failures");
            return Response.fromResponse(ApiError.response(ChatError.RATE_LIMITED,
                    "Too many failed sign-ins; try again in " + seconds + " s")).header("Retry-After", seconds).build();
        });
    }

    private Optional<AccountView> authenticate(String username, String password, HttpServletRequest request) {
        Optional<AccountView> user = accounts.authenticate(username, password);
        counted(username, user.isPresent(), request);
        return user;
    }

    /** A password tried for {@code username}, right or wrong, as the throttle counts it. */
    private void counted(String username, boolean right, HttpServletRequest request) {
        String address = proxies.clientAddress(request);
        if (right) {
            throttle.succeeded(username, address);
        } else {
            throttle.failed(username, address);
        }
    }

    private Response refused(HttpServletRequest request, String username) {
        LOG.info(() -> "Refused sign-in for " + (username == null ? "(no username)" : "'" + printable(username) + "'")
                + " from " + proxies.clientAddress(request));
        return ApiError.response(ChatError.UNAUTHORIZED, "Wrong username or password");
    }

    private static URI page(HttpServletRequest request, String query) {
        return URI.create(request.getContextPath() + "/" + query);
    }

    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
