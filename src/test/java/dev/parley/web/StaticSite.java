package dev.parley.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built page served by the JDK's HTTP server, with canned answers for the few API calls a
 * signed-out page makes. Only for proving the browser driver works; the page's real tests run
 * against Parley itself.
 */
final class StaticSite implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript", "css", "text/css",
            "map", "application/json", "svg", "image/svg+xml");

    private final HttpServer server;
    private final Path root;
    private final Map<String, Answer> api;

    record Answer(int status, String json) {
    }

    StaticSite(Path root, Map<String, Answer> api) {
        this.root = root.toAbsolutePath().normalize();
        this.api = api;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Answer answer = api.get(exchange.getRequestMethod() + " " + path);
            if (answer != null) {
                send(exchange, answer.status(), "application/json", answer.json().getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(exchange, 404, "application/json", "{\"error\":\"NotFound\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            send(exchange, 200, type, Files.readAllBytes(file));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
