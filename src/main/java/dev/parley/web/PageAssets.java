package dev.parley.web;

import dev.parley.transport.Gzip;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page's built files under {@code /assets/}: their names carry a hash of their content (Vite), so
 * browsers may keep them for a year without asking again; text files are sent gzipped to browsers that take
 * it (the page's script is 119 KB, 41 KB gzipped), compressed once and kept. The rest, and {@code index.html}
 * (which names the current files and must be fetched afresh), is the container's default servlet's.
 */
@WebFilter(urlPatterns = "/assets/*")
public class PageAssets extends HttpFilter {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final Set<String> TEXT = Set.of("js", "mjs", "css", "map", "json", "svg", "html", "txt");

    /** Each asset gzipped, or empty when it does not exist or gains nothing (small, or not text). */
    private final Map<String, Optional<byte[]>> gzipped = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read || path.contains("..") || getServletContext().getResource(path) == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.addHeader("Vary", "Accept-Encoding");
        Optional<byte[]> body = Gzip.accepted(request.getHeader("Accept-Encoding"))
                ? gzipped.computeIfAbsent(path, this::compress) : Optional.empty();
        if (body.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String etag = "\"gz-" + path.substring(path.lastIndexOf('/') + 1) + '"'; // the name is the content's hash
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(Optional.ofNullable(getServletContext().getMimeType(path)).orElse("application/octet-stream"));
        response.setHeader("ETag", etag);
        response.setHeader("Content-Encoding", "gzip");
        response.setContentLength(body.get().length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body.get());
        }
    }

    private Optional<byte[]> compress(String path) {
        if (!TEXT.contains(path.substring(path.lastIndexOf('.') + 1))) {
            return Optional.empty();
        }
        try (InputStream in = getServletContext().getResourceAsStream(path)) {
            byte[] plain = in == null ? new byte[0] : in.readAllBytes();
            return plain.length < Gzip.THRESHOLD ? Optional.empty() : Optional.of(Gzip.compress(plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
