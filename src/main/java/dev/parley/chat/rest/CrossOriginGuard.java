package dev.parley.chat.rest;

import dev.parley.chat.ChatError;
import dev.parley.realtime.RealtimeSettings;
import dev.parley.transport.OriginPolicy;
import dev.parley.transport.TrustedProxies;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;
import java.util.logging.Logger;

/**
 * A change asked for by another site's page is refused (403): a POST, PUT, PATCH or DELETE whose
 * {@code Origin} is neither this server nor listed in {@code parley.allowed-origins} ({@code *} does not
 * count), unless it carries a bearer token, which a page cannot send cross-origin without the CORS that
 * {@code /api} does not offer. The session cookie is {@code SameSite=Lax}, but an intranet's other apps are
 * usually the same site (sibling host names): without this, any of their pages could sign a user out, sign
 * them in to an account of its choosing (login CSRF) or mint tokens, with a form or a no-cors fetch. A request
 * without {@code Origin} (curl, server-side clients) is not a page's and passes.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 10)
public class CrossOriginGuard implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(CrossOriginGuard.class.getName());
    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Context
    HttpServletRequest request;

    @Inject
    RealtimeSettings realtime;

    private volatile Pages pages;

    /** The listed origins and the proxies whose {@code X-Forwarded-Host} names this server, read once. */
    private record Pages(OriginPolicy origins, TrustedProxies proxies) {
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (SAFE.contains(context.getMethod()) || ApiAuthFilter.bearer(context).isPresent()) {
            return;
        }
        String origin = context.getHeaderString("Origin");
        Pages known = pages();
        if (!known.origins().acceptsCookies(origin, known.proxies().host(request))) { // the sockets' rule too
            LOG.info(() -> context.getMethod() + " " + request.getRequestURI() + " from origin "
                    + AuthResource.printable(origin) + " refused: not this server's page");
            context.abortWith(ApiError.response(ChatError.FORBIDDEN,
                    "Send this from this server's own page, or with a bearer token"));
        }
    }

    private Pages pages() {
        Pages known = pages;
        if (known == null) {
            known = new Pages(new OriginPolicy(realtime.engine().allowedOrigins()), TrustedProxies.configured());
            pages = known;
        }
        return known;
    }
}
