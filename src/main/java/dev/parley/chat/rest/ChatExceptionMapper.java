package dev.parley.chat.rest;

import dev.parley.chat.ChatException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Logger;

/** Turns a refused request into its status and {@link ApiError}, with one log line. */
@Provider
public class ChatExceptionMapper implements ExceptionMapper<ChatException> {

    private static final Logger LOG = Logger.getLogger(ChatExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ChatException e) {
        LOG.info(() -> "Refused /" + (uri == null ? "?" : uri.getPath()) + ": " + e.error().code() + ": " + e.getMessage());
        Response refusal = ApiError.response(e.error(), e.getMessage());
        // past a flood allowance: a well-behaved client waits as long as it takes to refill by one, then goes on
        return e.retryAfter().map(wait -> Response.fromResponse(refusal)
                .header("Retry-After", Math.max(1, (wait.toMillis() + 999) / 1000)).build()).orElse(refusal);
    }
}
