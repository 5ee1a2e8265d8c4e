package dev.parley.chat.rest;

import dev.parley.chat.account.AccountView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/me}: who the session or token belongs to. */
@Path("me")
public class MeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AccountView me(@Context SecurityContext security) {
        return Caller.of(security);
    }
}
