package dev.parley.chat.rest;

import dev.parley.chat.ChatError;
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
        // a flood allowance refills within the second: a well-behaved client waits that long, then goes on
        return e.error() == ChatError.RATE_LIMITED
                ? Response.fromResponse(refusal).header("Retry-After", 1).build() : refusal;
    }
}
