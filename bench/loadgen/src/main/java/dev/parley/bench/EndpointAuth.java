package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials fetched over HTTP from the target before the run: a token from {@code POST /api/auth/token}, or a
 * session cookie from {@code POST /api/auth/login}. Users {@code bench-0..pool-1} share the password in env
 * {@code BENCH_PASSWORD} (default {@code bench-password}); with env {@code BENCH_SIGNUP=1} each is first created
 * through {@code POST /api/auth/signup} (an existing account is fine). Pool users are logged in once each, a few
 * at a time, before any connection opens, so password hashing stays out of the measurements. With env
 * {@code BENCH_AUTH_CACHE=<file>} the credentials are kept there and reused by the next phase of the same run
 * (tokens outlive a server restart when the server's token secret is fixed).
 */
final class EndpointAuth implements ConnectionAuth {
    enum Mode { TOKEN, COOKIE }

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final URI base;
    private final int pool;
    private final Mode mode;
    private final String password = System.getenv().getOrDefault("BENCH_PASSWORD", "bench-password");
    private final boolean signup = "1".equals(System.getenv("BENCH_SIGNUP"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String[] credentials;

    EndpointAuth(URI base, int pool, Mode mode) {
        if (pool <= 0) {
            throw new IllegalArgumentException("--auth token-endpoint/login needs --user-pool > 0");
        }
        this.base = base;
        this.pool = pool;
        this.mode = mode;
    }

    @Override
    public void prepare(int connections) throws Exception {
        int users = Math.min(pool, connections);
        Path cache = System.getenv("BENCH_AUTH_CACHE") == null ? null : Path.of(System.getenv("BENCH_AUTH_CACHE") + "." + mode);
        credentials = new String[pool];
        if (cache != null && Files.exists(cache)) {
            List<String> lines = Files.readAllLines(cache);
            for (int u = 0; u < Math.min(lines.size(), pool); u++) {
                credentials[u] = lines.get(u);
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                if (credentials[u] == null) {
                    int user = u;
                    pending.add(workers.submit(() -> {
                        credentials[user] = fetch("bench-" + user);
                        return null;
                    }));
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        if (cache != null) {
            Files.write(cache, Arrays.asList(credentials).subList(0, users));
        }
    }

    private String fetch(String user) throws Exception {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        if (signup) {
            post("/api/auth/signup", body);
        }
        HttpResponse<String> answer = post(mode == Mode.TOKEN ? "/api/auth/token" : "/api/auth/login", body);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(user + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return mode == Mode.TOKEN ? token(user, answer.body()) : cookie(user, answer);
    }

    @Override
    public String connectPayload(int connection) {
        return mode == Mode.TOKEN ? "{\"token\":\"" + credentials[connection % pool] + "\"}" : null;
    }

    @Override
    public List<String> upgradeHeaders(int connection) {
        return mode == Mode.COOKIE ? List.of("Cookie: " + credentials[connection % pool]) : List.of();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user, String body) {
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(user + ": no \"token\" in " + body);
        }
        return m.group(1);
    }

    private static String cookie(String user, HttpResponse<String> answer) {
        List<String> cookies = answer.headers().allValues("set-cookie");
        if (cookies.isEmpty()) {
            throw new IllegalStateException(user + ": login set no cookie");
        }
        StringBuilder header = new StringBuilder();
        for (String c : cookies) {
            header.append(header.length() == 0 ? "" : "; ").append(c, 0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
        }
        return header.toString();
    }
}
