package dev.parley.chat.rest;

import dev.parley.chat.ChatException;
import dev.parley.chat.FloodGate;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.account.Credentials;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.logging.Logger;

/** {@code GET /api/me}: who the session or token belongs to; {@code PATCH} changes the name others see. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private static final Logger LOG = Logger.getLogger(MeResource.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    FloodGate floodGate;

    @GET
    public AccountView me(@Context SecurityContext security) {
        return Caller.of(security);
    }

    /**
     * A new display name ({@code ""} is the username again). Every page that shows the user hears
     * {@code user-updated}; messages already sent show the new name too, as history names authors by account.
     * Renames share the user's message allowance ({@code 429} past it).
     */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView rename(RequestBodies.ProfileChange body, @Context SecurityContext security) {
        AccountView caller = Caller.of(security);
        String displayName = body == null ? null : body.displayNameString();
        if (displayName == null) {
            throw ChatException.invalid("Send { displayName }");
        }
        Credentials.validDisplayName(displayName, caller.username()); // a refused one uses up no allowance
        // each rename is told to every room the user is in: it costs what a message costs
        floodGate.message(caller.id());
        AccountView now = accounts.rename(caller.id(), displayName);
        LOG.info(() -> caller.username() + " is now shown as " + now.displayName());
        return now;
    }
}
