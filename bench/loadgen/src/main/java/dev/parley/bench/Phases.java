package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** The two kinds of run: idle connections (memory, connect rate) and paced chat load (latency, throughput, CPU). */
final class Phases {
    private Phases() {
    }

    /** Figure 3: open N idle Socket.IO connections as fast as the server takes them, then read its RSS growth. */
    static void idle(Target target, Args a, Properties out) throws Exception {
        int n = a.integer("connections", 10_000);
        int inFlight = a.integer("max-in-flight", 200);
        double settle = a.decimal("settle-seconds", 3);
        int offset = a.integer("index-offset", 0);
        long openTimeout = (long) (a.decimal("open-timeout-seconds", 180) * 1e9);
        a.rejectUnknown();
        target.auth.prepare(offset + n);
        try (EventLoop loop = new EventLoop(target)) {
            List<BenchConnection> conns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                conns.add(new BenchConnection(loop, offset + i, 0, null, false, false));
            }
            long rss0 = ProcStats.rssKib(target.serverPid);
            long cpu0 = ProcStats.cpuMicros(target.serverPid);
            long self0 = ProcStats.cpuMicros(ProcStats.selfPid());
            long core0 = ProcStats.coreBusyMicros(target.serverCore);
            EventLoop.OpenResult opened = loop.open(conns, inFlight, openTimeout);
            long cpu1 = ProcStats.cpuMicros(target.serverPid);
            long self1 = ProcStats.cpuMicros(ProcStats.selfPid());
            long others = Math.max(0, ProcStats.coreBusyMicros(target.serverCore) - core0 - (cpu1 - cpu0));
            double openSeconds = (opened.lastReadyNanos() - opened.firstStartNanos()) / 1e9;
            // Let the server finish whatever a new connection costs it lazily, then read memory.
            loop.runUntil(() -> false, System.nanoTime() + (long) (settle * 1e9), null);
            long rss1 = ProcStats.rssKib(target.serverPid);
            out.setProperty("connections", Integer.toString(n));
            out.setProperty("ready", Integer.toString(opened.ready()));
            out.setProperty("failed", Integer.toString(opened.failed()));
            out.setProperty("disconnects_while_idle", Long.toString(loop.metrics.disconnects));
            out.setProperty("conn_per_s", StepResult.fmt(opened.perSecond()));
            out.setProperty("handshake_p50_ms", StepResult.fmt(loop.metrics.handshake.getValueAtPercentile(50) / 1000.0));
            out.setProperty("handshake_p99_ms", StepResult.fmt(loop.metrics.handshake.getValueAtPercentile(99) / 1000.0));
            out.setProperty("rss_before_kib", Long.toString(rss0));
            out.setProperty("rss_after_kib", Long.toString(rss1));
            out.setProperty("rss_per_conn_bytes", StepResult.fmt(opened.ready() > 0 ? (rss1 - rss0) * 1024.0 / opened.ready() : 0));
            out.setProperty("server_cpu_us_per_conn", StepResult.fmt(opened.ready() > 0 ? (double) (cpu1 - cpu0) / opened.ready() : 0));
            out.setProperty("generator_cpu_pct", StepResult.fmt(openSeconds > 0 ? (self1 - self0) / 1e4 / openSeconds : 0));
            out.setProperty("server_cpu_pct", StepResult.fmt(openSeconds > 0 ? (cpu1 - cpu0) / 1e4 / openSeconds : 0));
            out.setProperty("others_on_server_core_pct", StepResult.fmt(openSeconds > 0 ? others / 1e4 / openSeconds : 0));
            if (opened.firstFailure() != null) {
                out.setProperty("first_failure", opened.firstFailure());
            }
            System.out.printf(Locale.ROOT, "idle: %d/%d connected in %.2f s = %.0f conn/s; server RSS %d -> %d KiB = %s bytes/conn;"
                            + " server %.0f us CPU/conn (server at %s%% of its core, other processes %s%%); handshake p50 %s ms p99 %s ms; generator CPU %s%%%s%n",
                    opened.ready(), n, openSeconds, opened.perSecond(), rss0, rss1, out.getProperty("rss_per_conn_bytes"),
                    (double) (cpu1 - cpu0) / Math.max(1, opened.ready()), out.getProperty("server_cpu_pct"),
                    out.getProperty("others_on_server_core_pct"), out.getProperty("handshake_p50_ms"),
                    out.getProperty("handshake_p99_ms"), out.getProperty("generator_cpu_pct"),
                    opened.firstFailure() == null ? "" : "; first failure: " + opened.firstFailure());
            loop.closeAll(conns);
        }
    }

    /** Figures 1, 2 and 4: a room population under a paced message load; a fixed-rate step and/or a sweep. */
    static void load(Target target, Args a, Properties out) throws Exception {
        String scenario = a.text("scenario", "load");
        int rooms = a.integer("rooms", 10);
        int members = a.integer("members", 50);
        List<String> roomIds = roomIds(a.text("rooms-file", ""), rooms);
        Population pop;
        try (EventLoop loop = new EventLoop(target)) {
            pop = new Population(loop, roomIds, members, a.integer("probes", 3), a.integer("senders", 5), a.integer("index-offset", 0));
            StepRunner runner = new StepRunner(loop, pop, a.integer("text-length", 64), a.decimal("drain-seconds", 3));
            double warmRate = a.decimal("warmup-rate", 0);
            double warmSeconds = a.decimal("warmup-seconds", 3);
            double fixedRate = a.decimal("fixed-rate", 0);
            double fixedSeconds = a.decimal("fixed-seconds", 10);
            double lightRate = a.decimal("light-rate", 0);
            double sweepStart = a.decimal("sweep-start", 0);
            double factor = a.decimal("sweep-factor", 1.5);
            int steps = a.integer("sweep-steps", 12);
            int bisect = a.integer("bisect", 2);
            double stepSeconds = a.decimal("step-seconds", 5);
            int inFlight = a.integer("max-in-flight", 200);
            int retries = a.integer("retries", 1);
            int fixedRepeats = Math.max(1, a.integer("fixed-repeats", 1));
            long openTimeout = (long) (a.decimal("open-timeout-seconds", 180) * 1e9);
            long sweepNanos = (long) (a.decimal("max-seconds", 300) * 1e9);
            a.rejectUnknown();

            target.auth.prepare(pop.connections.size() + a.integer("index-offset", 0));
            EventLoop.OpenResult opened = loop.open(pop.connections, inFlight, openTimeout);
            out.setProperty("scenario", scenario);
            out.setProperty("rooms", Integer.toString(rooms));
            out.setProperty("members", Integer.toString(members));
            out.setProperty("connections", Integer.toString(pop.connections.size()));
            out.setProperty("ready", Integer.toString(opened.ready()));
            out.setProperty("probes", Integer.toString(pop.probes()));
            out.setProperty("senders", Integer.toString(pop.senders.length));
            System.out.printf(Locale.ROOT, "%s: %d rooms x %d members, %d/%d joined in %.1f s (%d probes, %d senders)%n", scenario, rooms, members,
                    opened.ready(), pop.connections.size(), (opened.lastReadyNanos() - opened.firstStartNanos()) / 1e9, pop.probes(), pop.senders.length);
            if (opened.ready() < pop.connections.size()) {
                out.setProperty("error", "only " + opened.ready() + " joined; first failure: " + opened.firstFailure());
                System.out.println("  ABORT: " + out.getProperty("error"));
                loop.closeAll(pop.connections);
                return;
            }
            System.out.println("  " + StepResult.header());
            double maxGen = 0;
            if (warmRate > 0) {
                StepResult w = runner.run("warmup", warmRate, warmSeconds);
                System.out.println("  " + w.line());
            }
            // A light load before the fixed one: the fixed load may overload a server, and its backlog would
            // still be draining into any step after it.
            if (lightRate > 0) {
                maxGen = Math.max(maxGen, repeated(runner, "light", lightRate, fixedSeconds, fixedRepeats, out));
            }
            if (fixedRate > 0) {
                maxGen = Math.max(maxGen, repeated(runner, "fixed", fixedRate, fixedSeconds, fixedRepeats, out));
            }
            if (sweepStart > 0 && steps > 0) {
                Sweep sweep = new Sweep(runner::run, retries, r -> System.out.println("  " + r.line()));
                // The sweep's own time limit: an overloaded warm-up or fixed step must not eat into it.
                sweep.run(sweepStart, factor, steps, bisect, stepSeconds, System.nanoTime() + sweepNanos);
                for (int i = 0; i < sweep.steps.size(); i++) {
                    sweep.steps.get(i).store(out, "sweep." + i + ".");
                    maxGen = Math.max(maxGen, sweep.steps.get(i).generatorCpuPercent());
                }
                out.setProperty("sweep.steps", Integer.toString(sweep.steps.size()));
                out.setProperty("sweep.stopped_by", sweep.stoppedBy);
                StepResult best = sweep.best();
                if (best != null) {
                    best.store(out, "best.");
                }
                System.out.printf(Locale.ROOT, "  => %s best: %s delivered msg/s with p99 < %.0f ms and nothing lost (sweep stopped by %s)%n",
                        scenario, best == null ? "none" : String.format(Locale.ROOT, "%.0f", best.deliveredPerSecond()),
                        StepResult.P99_LIMIT_MS, sweep.stoppedBy);
            }
            out.setProperty("generator_cpu_max_pct", StepResult.fmt(maxGen));
            if (loop.firstAckFailure() != null) {
                out.setProperty("first_ack_failure", loop.firstAckFailure());
                System.out.println("  first failed ack: " + loop.firstAckFailure());
            }
            if (loop.firstDisconnect() != null) {
                out.setProperty("first_disconnect", loop.firstDisconnect());
                System.out.println("  first disconnect: " + loop.firstDisconnect());
            }
            loop.closeAll(pop.connections);
        }
    }

    /**
     * Steps at one rate, repeated, with the run of median ack p99 stored under {@code <label>.}: one burst from
     * another process on a shared machine then cannot make the figure, in either direction. Returns the
     * generator's highest CPU share.
     */
    private static double repeated(StepRunner runner, String label, double rate, double seconds, int repeats, Properties out)
            throws IOException {
        List<StepResult> runs = new ArrayList<>();
        double maxGen = 0;
        for (int i = 0; i < repeats; i++) {
            StepResult f = runner.run(label + (repeats > 1 ? "-" + (i + 1) : ""), rate, seconds);
            System.out.println("  " + f.line());
            f.store(out, label + "." + (i + 1) + ".");
            maxGen = Math.max(maxGen, f.generatorCpuPercent());
            runs.add(f);
        }
        runs.sort(java.util.Comparator.comparingDouble(StepResult::ackP99Ms));
        StepResult median = runs.get(runs.size() / 2);
        median.store(out, label + ".");
        if (repeats > 1) {
            System.out.println("  => " + label + " load, median of " + repeats + " by ack p99: " + median.label());
        }
        return maxGen;
    }

    /** Room ids from a file (one per line, e.g. written by a target's setup hook), else bench-0, bench-1, ... */
    static List<String> roomIds(String file, int rooms) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!file.isEmpty()) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.isBlank()) {
                    ids.add(line.trim());
                }
            }
            if (ids.size() < rooms) {
                throw new IllegalArgumentException(file + " has " + ids.size() + " room ids, the scenario needs " + rooms);
            }
            return ids.subList(0, rooms);
        }
        for (int r = 0; r < rooms; r++) {
            ids.add("bench-" + r);
        }
        return ids;
    }
}
