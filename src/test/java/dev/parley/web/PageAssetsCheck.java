package dev.parley.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a browser gets for the page's built script on a deployed Parley (Payara in {@link ChatInBrowserIT},
 * WildFly in ChatSocketWildFlyIT): the file index.html names, gzipped when asked, the same bytes as plain,
 * cacheable for a year, and a 304 for a browser that asks again with its ETag.
 */
public final class PageAssetsCheck {

    private static final Pattern SCRIPT = Pattern.compile("src=\"\\./(assets/[^\"]+\\.js)\"");

    private PageAssetsCheck() {
    }

    public static void assertTheScriptIsGzippedAndCachedForAYear(URI page) {
        HttpClient http = HttpClient.newHttpClient();
        Matcher script = SCRIPT.matcher(send(http, HttpRequest.newBuilder(page), HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(script.find(), "index.html names its script");
        URI js = page.resolve(script.group(1));

        HttpResponse<byte[]> plain = send(http, HttpRequest.newBuilder(js), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = send(http, HttpRequest.newBuilder(js).header("Accept-Encoding", "gzip, deflate"),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, plain.statusCode());
        assertNull(plain.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.body().length < plain.body().length / 2, gzipped.body().length + " of " + plain.body().length);
        assertArrayEquals(plain.body(), gunzip(gzipped.body()));
        assertTrue(gzipped.headers().firstValue("Content-Type").orElse("").contains("javascript"), gzipped.headers().toString());
        for (HttpResponse<byte[]> response : List.of(plain, gzipped)) {
            assertEquals("public, max-age=31536000, immutable", response.headers().firstValue("Cache-Control").orElse(null));
            assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")),
                    response.headers().toString());
        }
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = send(http, HttpRequest.newBuilder(js).header("Accept-Encoding", "gzip")
                .header("If-None-Match", etag), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());
    }

    private static <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
