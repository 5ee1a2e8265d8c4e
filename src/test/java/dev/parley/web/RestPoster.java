package dev.parley.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Someone posting through Parley's REST API (a bot, a script) rather than a page: signs in with a
 * session cookie and posts to a room found by name. Used to put a message into a room while the
 * pages under test may still be reconnecting.
 */
final class RestPoster {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RestPoster(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        call("POST", "api/auth/login", Json.createObjectBuilder()
                .add("username", username).add("password", password).build().toString());
    }

    /** Posts and returns the stored message's id. */
    long post(String roomName, String text) {
        String body = Json.createObjectBuilder().add("text", text).build().toString();
        JsonObject message = Json.createReader(new StringReader(call("POST", messages(roomName), body))).readObject();
        return message.getJsonNumber("id").longValue();
    }

    void edit(String roomName, long messageId, String text) {
        call("PATCH", messages(roomName) + "/" + messageId, Json.createObjectBuilder().add("text", text).build().toString());
    }

    void delete(String roomName, long messageId) {
        call("DELETE", messages(roomName) + "/" + messageId, null);
    }

    void react(String roomName, long messageId, String emoji) {
        call("PUT", messages(roomName) + "/" + messageId + "/reactions/" + URLEncoder.encode(emoji, StandardCharsets.UTF_8),
                null);
    }

    private String messages(String roomName) {
        long roomId = Json.createReader(new StringReader(call("GET", "api/rooms", null))).readArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(room -> room.getString("name", "").equals(roomName)) // a direct conversation has none
                .findFirst().orElseThrow(() -> new AssertionError("no room " + roomName))
                .getJsonNumber("id").longValue();
        return "api/rooms/" + roomId + "/messages";
    }

    private String call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15)).header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // past the author's flood allowance: wait as told, as a well-behaved bot does, then go on
            for (int retry = 0; response.statusCode() == 429 && retry < 30; retry++) {
                Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
