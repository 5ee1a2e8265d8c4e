package dev.parley.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** HTTP gzip for the responses the Node server compresses too (polling payloads, the client builds), and the web page. */
public final class Gzip {

    /** Node's default {@code httpCompression.threshold}: smaller bodies are not worth the CPU. */
    public static final int THRESHOLD = 1024;

    private Gzip() {
    }

    /** Whether an Accept-Encoding header takes gzip (or anything), honouring {@code gzip;q=0}. */
    public static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            String token = parts[0].trim();
            if (token.equalsIgnoreCase("gzip") || token.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].replace(" ", "");
                    if (param.startsWith("q=")) {
                        return !param.substring(2).matches("0(\\.0*)?");
                    }
                }
                return true;
            }
        }
        return false;
    }

    public static byte[] compress(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 3));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
