package dev.parley.chat.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/** The chat's REST API under {@code /api}; resources and providers are found by scanning. */
@ApplicationPath("api")
public class ParleyApi extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey (Payara) otherwise turns a 4xx/5xx response into the container's HTML error page,
        // dropping our JSON body. Other JAX-RS implementations ignore the key.
        return Map.of("jersey.config.server.response.setStatusOverSendError", true);
    }
}
