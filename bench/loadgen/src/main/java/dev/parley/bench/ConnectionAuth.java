package dev.parley.bench;

import java.net.URI;
import java.util.List;

/**
 * How a bench connection proves who it is: the target-specific hook. Every connection of the bench is a
 * distinct user {@code bench-<n>} unless a pool size folds them onto fewer users.
 *
 * <p>Specs accepted by {@link #parse}:
 * <ul>
 *   <li>{@code name} — CONNECT auth {@code {"name":"bench-<n>"}} (the Node reference).</li>
 *   <li>{@code token:<template>} — CONNECT auth {@code {"token":"<template>"}} with {@code %u} replaced by the
 *       user name, e.g. a bench token the target accepts for any user: {@code token:bench-secret.%u}.</li>
 *   <li>{@code token-endpoint} — per pool user, {@code POST <base>/api/auth/token} with
 *       {@code {"username","password"}}; the {@code token} field of the JSON answer goes into CONNECT auth.</li>
 *   <li>{@code login} — per pool user, {@code POST <base>/api/auth/login}; the session cookie it sets goes on
 *       the WebSocket upgrade request, and CONNECT carries no auth.</li>
 * </ul>
 */
interface ConnectionAuth {

    /** The JSON object sent with the Socket.IO CONNECT packet, or null for none. */
    String connectPayload(int connection);

    /** Extra header lines (without CRLF) for the WebSocket upgrade request. */
    default List<String> upgradeHeaders(int connection) {
        return List.of();
    }

    /** Runs before connections open (e.g. fetching tokens), so no HTTP work lands inside a measurement. */
    default void prepare(int connections) throws Exception {
    }

    static String userName(int connection, int pool) {
        return "bench-" + (pool > 0 ? connection % pool : connection);
    }

    static ConnectionAuth parse(String spec, URI base, int pool) {
        if (spec.equals("name")) {
            return c -> "{\"name\":\"" + userName(c, pool) + "\"}";
        }
        if (spec.startsWith("token:")) {
            String template = spec.substring("token:".length());
            return c -> "{\"token\":\"" + template.replace("%u", userName(c, pool)) + "\"}";
        }
        if (spec.equals("token-endpoint")) {
            return new EndpointAuth(base, pool, EndpointAuth.Mode.TOKEN);
        }
        if (spec.equals("login")) {
            return new EndpointAuth(base, pool, EndpointAuth.Mode.COOKIE);
        }
        throw new IllegalArgumentException("unknown --auth " + spec + " (name | token:<template> | token-endpoint | login)");
    }
}
