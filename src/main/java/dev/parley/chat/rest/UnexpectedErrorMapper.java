package dev.parley.chat.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: a body JSON-B cannot read is the client's mistake (400); the rest is ours (500), logged
 * with its stack trace, and answered in JSON without internals.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        String path = "/" + (uri == null ? "?" : uri.getPath());
        if (isUnreadableJson(e)) {
            LOG.info(() -> "Refused " + path + ": unreadable JSON body: " + e.getMessage());
            return ApiError.response(400, "Invalid", "The body is not valid JSON for this request");
        }
        LOG.log(Level.SEVERE, "Failed " + path, e);
        return ApiError.response(500, "ServerError", "The server failed to handle this request");
    }

    private static boolean isUnreadableJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof jakarta.json.stream.JsonParsingException) {
                return true;
            }
        }
        return false;
    }
}
