package dev.parley.chat.rest;

import dev.parley.chat.ChatException;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.auth.PasswordChanged;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.logging.Logger;

/**
 * {@code POST /api/accounts}: administrators create accounts, which is how people get in when open
 * sign-up is off (production). Body {@code { username, password, displayName?, admin? }}. They also set
 * a new password for someone who lost theirs, and rename someone.
 */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountsResource {

    private static final Logger LOG = Logger.getLogger(AccountsResource.class.getName());

    /** The body of {@code POST /api/accounts}. */
    public record NewAccount(String username, String password, JsonValue displayName, Boolean admin) {
    }

    /** The body of {@code PUT /api/accounts/{id}/password}. */
    public record NewPassword(String password) {
    }

    @Inject
    Accounts accounts;

    @Inject
    Event<PasswordChanged> passwordChanged;

    @Context
    SecurityContext security;

    @POST
    public Response create(NewAccount body) {
        AccountView caller = Caller.of(security);
        if (!caller.admin()) {
            throw ChatException.forbidden("Only administrators create accounts");
        }
        if (body == null) {
            throw ChatException.invalid("Send { username, password, displayName?, admin? }");
        }
        String displayName = RequestBodies.string(body.displayName(), "displayName");
        AccountView created = accounts.create(body.username(), displayName, body.password(),
                Boolean.TRUE.equals(body.admin()));
        LOG.info(() -> caller.username() + " created the account " + created.username() + " (" + created.id() + ")");
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /**
     * An administrator sets someone's password (they forgot it): every sign-in of that user ends, on every
     * instance, as after their own change, and no session is kept.
     */
    @PUT
    @Path("{id}/password")
    public Response resetPassword(@PathParam("id") long id, NewPassword body) {
        AccountView caller = Caller.of(security);
        if (!caller.admin()) {
            throw ChatException.forbidden("Only administrators set other people's passwords");
        }
        if (body == null) {
            throw ChatException.invalid("Send { password }");
        }
        accounts.setPassword(id, body.password());
        passwordChanged.fire(new PasswordChanged(id, null));
        LOG.info(() -> caller.username() + " set a new password for account " + id + "; its sign-ins end");
        return Response.noContent().build();
    }

    /** An administrator renames someone (a name that should not be shown): as their own rename, told everywhere. */
    @PATCH
    @Path("{id}")
    public AccountView rename(@PathParam("id") long id, RequestBodies.ProfileChange body) {
        AccountView caller = Caller.of(security);
        if (!caller.admin()) {
            throw ChatException.forbidden("Only administrators rename other people");
        }
        String displayName = body == null ? null : body.displayNameString();
        if (displayName == null) {
            throw ChatException.invalid("Send { displayName }");
        }
        AccountView now = accounts.rename(id, displayName);
        LOG.info(() -> caller.username() + " renamed " + now.username() + " to " + now.displayName());
        return now;
    }
}
