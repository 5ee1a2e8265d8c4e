package dev.parley.it;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's nginx on a free port of 127.0.0.1, in front of a Parley, configured with the very lines README.md
 * shows under "Behind a reverse proxy" (read from the README, with only the listen line and the upstream
 * changed): a test through it is a test of what the README tells people to write.
 */
public final class NginxProxy implements AutoCloseable {

    private static final String README_LISTEN = "listen 443 ssl;";
    private static final String README_UPSTREAM = "proxy_pass http://127.0.0.1:8080;";

    private final int port;
    private final Path dir;
    private Process process;

    private NginxProxy(int port) {
        this.port = port;
        this.dir = Path.of("target", "nginx-" + port).toAbsolutePath();
    }

    /** Starts nginx in front of the Parley at {@code upstream} (any URL of it: its host and port are used). */
    public static NginxProxy start(URL upstream) throws IOException, InterruptedException {
        NginxProxy proxy = new NginxProxy(LocalPorts.free());
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        proxy.boot(upstream);
        return proxy;
    }

    /** The same URL as {@code direct}, through the proxy. */
    public URL through(URL direct) throws IOException {
        return new URL("http", "127.0.0.1", port, direct.getFile());
    }

    private void boot(URL upstream) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, "worker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + ";\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "    access_log " + dir.resolve("access.log") + ";\n"
                + temporaryPaths()
                + readmeConfiguration(upstream.getHost() + ":" + upstream.getPort())
                + "}\n");
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        try {
            process = new ProcessBuilder(nginx, "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                    "-c", config.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("No nginx: install Debian's nginx package (.ci/run does)", e);
        }
        LocalPorts.awaitListening(process, port, "nginx", dir);
    }

    /** nginx's own scratch directories, which otherwise live under /var/lib/nginx (root's). */
    private String temporaryPaths() {
        StringBuilder paths = new StringBuilder();
        for (String kind : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            paths.append("    ").append(kind).append("_temp_path ").append(dir.resolve(kind)).append(";\n");
        }
        return paths.toString();
    }

    /** The README's nginx block, listening here and passing to {@code upstream}. */
    private String readmeConfiguration(String upstream) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int heading = readme.indexOf("### Behind a reverse proxy");
        int start = heading < 0 ? -1 : readme.indexOf("```\n", heading);
        String block = start < 0 ? "" : readme.substring(start + 4, readme.indexOf("```", start + 4));
        if (!block.contains(README_LISTEN) || !block.contains(README_UPSTREAM)) {
            throw new IllegalStateException("README.md's nginx configuration changed: update " + NginxProxy.class);
        }
        return block.replace(README_LISTEN, "listen 127.0.0.1:" + port + ";")
                .replace(README_UPSTREAM, "proxy_pass http://" + upstream + ";");
    }

    /** SIGTERM, nginx's fast shutdown: its master takes its worker down with it, which a kill would leave behind. */
    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    LocalPorts.kill(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
