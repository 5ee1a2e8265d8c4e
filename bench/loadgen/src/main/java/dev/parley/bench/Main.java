package dev.parley.bench;

import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Parley's load generator. One phase per invocation, its figures written to a properties file.
 * <pre>
 *   java -jar loadgen.jar idle   --url http://127.0.0.1:3100 --server-pid N --out idle.properties [--connections 10000]
 *   java -jar loadgen.jar load   --url ... --server-pid N --out a.properties --rooms 10 --members 50 [--light-rate R] [--fixed-rate R] [--sweep-start R]
 *   java -jar loadgen.jar report --dir results/RUN --targets node,parley
 * </pre>
 * Common options: {@code --path /socket.io/}, {@code --auth name|token:<template>|token-endpoint|login}, {@code --user-pool N}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: loadgen idle|load|report --key value ...");
            System.exit(2);
        }
        Args a = new Args(argv, 1);
        if (argv[0].equals("report")) {
            Report.print(Path.of(a.required("dir")), a.required("targets").split(","));
            return;
        }
        URI base = URI.create(a.required("url"));
        Target target = new Target(base, a.text("path", "/socket.io/"),
                ConnectionAuth.parse(a.text("auth", "name"), base, a.integer("user-pool", 0)), a.number("server-pid", 0),
                a.integer("server-core", 0), a.integer("generator-core", 1));
        Path out = Path.of(a.required("out"));
        Properties results = new Properties();
        results.setProperty("url", base.toString());
        switch (argv[0]) {
            case "idle" -> Phases.idle(target, a, results);
            case "load" -> Phases.load(target, a, results);
            default -> throw new IllegalArgumentException("unknown phase " + argv[0]);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out)) {
            results.store(w, "parley bench " + argv[0]);
        }
    }
}
