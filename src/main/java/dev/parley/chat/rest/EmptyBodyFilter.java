package dev.parley.chat.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * A request that names a content type but carries no body is read as one without a body, as WildFly's
 * RESTEasy reads it. Jersey (Payara) otherwise tries to read JSON from nothing and fails, so a client that
 * sends {@code Content-Type: application/json} on every request, as many fetch wrappers do, got 400 for
 * {@code POST /api/auth/token} with only its session cookie, a call that needs no body. Endpoints that do
 * need one answer with their own hint ("Send { name, visibility }") instead of a generic 400.
 */
@Provider
@PreMatching
public class EmptyBodyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext context) {
        if (context.getMediaType() != null && !context.hasEntity()) {
            context.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
