package dev.parley.chat.rest;

import dev.parley.chat.ChatError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every refused API call: {@code { error: "NotFound", message: "No such room" }}. */
public record ApiError(String error, String message) {

    static Response response(ChatError error, String message) {
        return response(error.httpStatus(), error.code(), message);
    }

    static Response response(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, message)).build();
    }
}
