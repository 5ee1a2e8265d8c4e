package dev.parley.chat.rest;

import dev.parley.chat.ChatError;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.auth.AccessTokens;
import dev.parley.chat.auth.SignedIn;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Every API call needs a signed-in session or {@code Authorization: Bearer <token>}, except the
 * methods marked {@link Public} (login, sign-up, logout, token). Without either: 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Inject
    AccessTokens tokens;

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<AccountView> fromSession = SignedIn.user(request);
        Optional<Caller> caller = fromSession
                .map(user -> new Caller(user, "SESSION", SignedIn.signIn(request.getSession(false)).orElse(null)))
                .or(() -> bearer(context).flatMap(tokens::verify)
                        .map(signedIn -> new Caller(signedIn.account(), "BEARER", signedIn.signIn())));
        if (caller.isPresent()) {
            context.setSecurityContext(caller.get().asSecurityContext(context.getSecurityContext().isSecure()));
        } else if (!isPublic()) {
            String why = bearer(context).map(token -> "The bearer token was refused: " + tokens.refusal(token))
                    .orElse("Sign in or send a bearer token");
            context.abortWith(ApiError.response(ChatError.UNAUTHORIZED, why));
        }
    }

    private boolean isPublic() {
        var method = resource.getResourceMethod();
        return method != null && method.isAnnotationPresent(Public.class);
    }

    static Optional<String> bearer(ContainerRequestContext context) {
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }
}
