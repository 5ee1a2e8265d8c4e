package dev.parley.chat.rest;

import dev.parley.chat.ChatError;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.auth.AccessTokens;
import dev.parley.chat.auth.SignedIn;
import jakarta.enterprise.context.RequestScoped;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
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
    @ConfigProperty(name = "parley.auth.signup-enabled", defaultValue = "false")
    boolean signupEnabled;

    /** What the sign-in page may offer before anyone signs in: {@code { signup: true | false }}. */
    @GET
    @Path("config")
    @Public
    public Map<String, Object> config() {
        return Map.of("signup", signupEnabled);
    }

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest body, @Context HttpServletRequest request) {
        Optional<AccountView> user = body == null ? Optional.empty() : accounts.authenticate(body.username(), body.password());
        if (user.isEmpty()) {
            return refused(request, body == null ? null : body.username());
        }
        SignedIn.start(request, user.get());
        return Response.ok(user.get()).build();
    }

    /** A plain HTML form: success and failure both go back to the page, which shows the outcome. */
    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginForm(@FormParam("username") String username, @FormParam("password") String password,
                              @Context HttpServletRequest request) {
        Optional<AccountView> user = accounts.authenticate(username, password);
        if (user.isEmpty()) {
            refused(request, username);
            return Response.seeOther(page(request, "?login=failed")).build();
        }
        SignedIn.start(request, user.get());
        return Response.seeOther(page(request, "")).build();
    }

    @POST
    @Path("logout")
    @Public
    public Response logout(@Context HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                // SessionWatcher hears of it and fires SessionEnded.
                session.invalidate();
            } catch (IllegalStateException alreadyGone) {
                // nothing left to end
            }
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
        Optional<AccountView> user = body != null && body.username() != null
                ? accounts.authenticate(body.username(), body.password())
                : SignedIn.user(request);
        if (user.isEmpty()) {
            return refused(request, body == null ? null : body.username());
        }
        return Response.ok(tokens.issue(user.get())).build();
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
        AccountView created = accounts.create(body.username(), body.displayName(), body.password(), false);
        LOG.info(() -> "New account " + created.username() + " (" + created.id() + ") signed up");
        SignedIn.start(request, created);
        return Response.created(URI.create("me")).entity(created).build();
    }

    private static Response refused(HttpServletRequest request, String username) {
        LOG.info(() -> "Refused sign-in for " + (username == null ? "(no username)" : "'" + printable(username) + "'")
                + " from " + request.getRemoteAddr());
        return ApiError.response(ChatError.UNAUTHORIZED, "Wrong username or password");
    }

    private static URI page(HttpServletRequest request, String query) {
        return URI.create(request.getContextPath() + "/" + query);
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
