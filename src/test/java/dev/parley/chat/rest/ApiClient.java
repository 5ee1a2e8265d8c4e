package dev.parley.chat.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One HTTP client of Parley's API, with its own cookie jar: one browser, in effect. */
final class ApiClient {

    record Reply(int status, HttpResponse<String> raw) {

        JsonValue json() {
            String body = raw.body();
            if (body == null || body.isBlank()) {
                return JsonValue.NULL;
            }
            return Json.createReader(new StringReader(body)).readValue();
        }

        JsonObject object() {
            return json().asJsonObject();
        }

        List<JsonObject> array() {
            return json().asJsonArray().getValuesAs(JsonObject.class);
        }

        List<String> setCookies() {
            return raw.headers().allValues("set-cookie");
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String bearer;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    ApiClient(URL base) {
        try {
            this.base = dev.parley.it.ParleyWar.loopback(base).toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    ApiClient withBearer(String token) {
        this.bearer = token;
        return this;
    }

    /** A header on every request from now on (as a reverse proxy would add). */
    ApiClient withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    CookieManager cookies() {
        return cookies;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, JsonStructure body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Reply put(String path, JsonStructure body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Reply patch(String path, JsonStructure body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Reply postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply postEmpty(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply login(String username, String password) {
        return post("api/auth/login", Json.createObjectBuilder()
                .add("username", username).add("password", password).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
