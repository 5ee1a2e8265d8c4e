package dev.parley.transport;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser builds of socket.io-client at the mount's path ({@code socket.io.js}, {@code socket.io.min.js},
 * {@code socket.io.esm.min.js} and their source maps), as the Node server serves them by default
 * ({@code serveClient}): a page written for it with {@code <script src="/socket.io/socket.io.js">} works
 * unchanged. Same headers as Node's (an ETag of the client's version, {@code Cache-Control: public,
 * max-age=0}, 304 on a matching {@code If-None-Match}), gzip when the client accepts it. The files are the
 * socket.io-client the web page is built with, which the build copies into {@link #DIRECTORY}. The msgpack
 * build is not served: Parley speaks only the default parser, and a page loading it could never connect.
 */
final class ClientBundleServlet extends HttpServlet {

    static final String DIRECTORY = "/WEB-INF/socket.io-client/";
    static final List<String> FILES = List.of("socket.io.js", "socket.io.js.map", "socket.io.min.js",
            "socket.io.min.js.map", "socket.io.esm.min.js", "socket.io.esm.min.js.map");

    /** A file's bytes as stored and gzipped, read on its first request. */
    private record Content(byte[] plain, byte[] gzipped) {
    }

    private final transient ServletContext context;
    private final String etag;
    private final Map<String, Content> contents = new ConcurrentHashMap<>();

    private ClientBundleServlet(ServletContext context, String version) {
        this.context = context;
        this.etag = '"' + version + '"';
    }

    /** The servlet for this WAR, or null when the build left the client out (the page was skipped). */
    static ClientBundleServlet of(ServletContext context) {
        try (InputStream in = context.getResourceAsStream(DIRECTORY + "package.json")) {
            if (in == null) {
                return null;
            }
            try (JsonReader reader = Json.createReader(in)) {
                return new ClientBundleServlet(context, reader.readObject().getString("version"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!FILES.contains(name)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String asked = request.getHeader("If-None-Match");
        if (etag.equals(asked) || ("W/" + etag).equals(asked)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        Content content = contents.computeIfAbsent(name, this::read);
        response.setHeader("Cache-Control", "public, max-age=0");
        response.setContentType("application/" + (name.endsWith(".map") ? "json" : "javascript") + "; charset=utf-8");
        response.setHeader("ETag", etag);
        response.addHeader("Vary", "Accept-Encoding");
        byte[] body = content.plain();
        if (Gzip.accepted(request.getHeader("Accept-Encoding"))) {
            response.setHeader("Content-Encoding", "gzip");
            body = content.gzipped();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private Content read(String name) {
        try (InputStream in = context.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("socket.io-client has no " + name + " in " + DIRECTORY);
            }
            byte[] plain = in.readAllBytes();
            return new Content(plain, Gzip.compress(plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
