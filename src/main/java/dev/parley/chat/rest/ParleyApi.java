package dev.parley.chat.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The chat's REST API under {@code /api}; resources and providers are found by scanning. */
@ApplicationPath("api")
public class ParleyApi extends Application {
}
