package dev.parley.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** The comparison table: one row per figure, one column per target, and the ratio of each later one to the first. */
final class Report {
    private Report() {
    }

    /** A figure: which phase file and key, its unit, and whether more is better. */
    private record Figure(String title, String phase, String key, String unit, boolean higherIsBetter) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("1a max delivered msg/s, p99<100ms, 0 lost, 10 rooms x 50", "a10x50", "best.delivered_per_s", "msg/s", true),
            new Figure("   p99 end-to-end at that rate", "a10x50", "best.e2e_p99_ms", "ms", false),
            new Figure("1b max delivered msg/s, p99<100ms, 0 lost, 2 rooms x 1000", "b2x1000", "best.delivered_per_s", "msg/s", true),
            new Figure("   p99 end-to-end at that rate", "b2x1000", "best.e2e_p99_ms", "ms", false),
            new Figure("2a server CPU per delivered msg, 10x50 fixed load", "a10x50", "fixed.server_cpu_us_per_delivered", "us", false),
            new Figure("   (fixed load: delivered msg/s)", "a10x50", "fixed.delivered_per_s", "msg/s", true),
            new Figure("2b server CPU per delivered msg, 2x1000 fixed load", "b2x1000", "fixed.server_cpu_us_per_delivered", "us", false),
            new Figure("3a server RSS per idle connection", "idle", "rss_per_conn_bytes", "bytes", false),
            new Figure("   idle connections open", "idle", "ready", "conns", true),
            new Figure("3b connections opened per second", "idle", "conn_per_s", "conn/s", true),
            new Figure("4a message ack p50 (default store)", "ack", "fixed.ack_p50_ms", "ms", false),
            new Figure("4b message ack p99 (default store)", "ack", "fixed.ack_p99_ms", "ms", false),
            new Figure("4c message ack p50 (PostgreSQL)", "ack-pg", "fixed.ack_p50_ms", "ms", false),
            new Figure("4d message ack p99 (PostgreSQL)", "ack-pg", "fixed.ack_p99_ms", "ms", false),
            new Figure("   ack load: sent msg/s", "ack", "fixed.sent_per_s", "msg/s", true),
            new Figure("4e message ack p50, light load (default store)", "ack", "light.ack_p50_ms", "ms", false),
            new Figure("4f message ack p99, light load (default store)", "ack", "light.ack_p99_ms", "ms", false),
            new Figure("4g message ack p50, light load (PostgreSQL)", "ack-pg", "light.ack_p50_ms", "ms", false),
            new Figure("4h message ack p99, light load (PostgreSQL)", "ack-pg", "light.ack_p99_ms", "ms", false),
            new Figure("   light load: sent msg/s", "ack", "light.sent_per_s", "msg/s", true),
            new Figure("   server CPU per delivered msg at the light load", "ack", "light.server_cpu_us_per_delivered", "us", false),
            new Figure("generator CPU, highest step (of its 1 core)", "a10x50", "generator_cpu_max_pct", "%", false),
            new Figure("generator CPU, highest step, 2x1000", "b2x1000", "generator_cpu_max_pct", "%", false));

    static void print(Path dir, String[] targets) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-58s %-7s", "figure", "unit"));
        for (String t : targets) {
            table.append(String.format(Locale.ROOT, " %12s", t));
        }
        for (int i = 1; i < targets.length; i++) {
            table.append(String.format(Locale.ROOT, " %14s", targets[i] + "/" + targets[0]));
        }
        table.append(String.format(Locale.ROOT, "  %s%n", targets.length >= 2 ? "better" : ""));
        for (Figure f : FIGURES) {
            List<Double> values = new ArrayList<>();
            table.append(String.format(Locale.ROOT, "%-58s %-7s", f.title, f.unit));
            for (String t : targets) {
                Double v = value(dir.resolve(t).resolve(f.phase + ".properties"), f.key);
                values.add(v);
                table.append(String.format(Locale.ROOT, " %12s", v == null ? "n/a" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v)));
            }
            Double base = values.get(0);
            for (int i = 1; i < targets.length; i++) {
                Double other = values.get(i);
                String ratio = base == null || other == null || base == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", other / base);
                table.append(String.format(Locale.ROOT, " %14s", ratio));
            }
            if (targets.length >= 2) {
                table.append("  ").append(f.higherIsBetter ? "higher" : "lower");
            }
            table.append('\n');
        }
        for (String t : targets) {
            for (String phase : List.of("a10x50", "b2x1000", "ack", "ack-pg")) {
                Double gen = value(dir.resolve(t).resolve(phase + ".properties"), "generator_cpu_max_pct");
                if (gen != null && gen > StepResult.GENERATOR_CPU_LIMIT) {
                    table.append(String.format(Locale.ROOT, "WARNING: %s/%s: the generator reached %.0f%% of its core; that figure may be"
                            + " the generator's limit, not the server's%n", t, phase, gen));
                }
            }
        }
        System.out.print(table);
        Files.writeString(dir.resolve("table.txt"), table.toString());
    }

    private static Double value(Path file, String key) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        String v = p.getProperty(key);
        return v == null ? null : Double.valueOf(v);
    }
}
