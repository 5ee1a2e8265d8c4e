package dev.parley.chat.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Logger;

/**
 * The JAX-RS runtime's own refusals (unknown path, wrong method or media type, unreadable body) in the
 * same JSON shape as ours, instead of the container's HTML error page.
 */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebErrorMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        String code = switch (status) {
            case 400 -> "Invalid";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 415 -> "UnsupportedMediaType";
            default -> status >= 500 ? "ServerError" : "Invalid";
        };
        String message = status == 400 ? "The request body or parameters are not valid" : original.getStatusInfo().getReasonPhrase();
        LOG.info(() -> "Refused /" + (uri == null ? "?" : uri.getPath()) + ": " + status + " " + e.getMessage());
        return ApiError.response(status, code, message);
    }
}
