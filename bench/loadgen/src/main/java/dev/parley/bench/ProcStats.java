package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from /proc (Linux). pid 0 means "not measured". */
final class ProcStats {
    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux we run on (getconf CLK_TCK). */
    static final long TICK_MICROS = 1_000_000L / Long.getLong("bench.clkTck", 100L);

    private ProcStats() {
    }

    static long selfPid() {
        return ProcessHandle.current().pid();
    }

    /** utime + stime of every thread of the process, including exited ones, in microseconds. */
    static long cpuMicros(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may contain spaces; fields are counted after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MICROS;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read CPU time of pid " + pid + ": " + e, e);
        }
    }

    /** VmRSS in kibibytes. */
    static long rssKib(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for pid " + pid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read memory of pid " + pid + ": " + e, e);
        }
    }

    /** Busy time (everything but idle and iowait) of one core since boot, microseconds, from /proc/stat. */
    static long coreBusyMicros(int core) {
        if (core < 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu" + core + " ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        if (i != 4 && i != 5) {
                            busy += Long.parseLong(f[i]);
                        }
                    }
                    return busy * TICK_MICROS;
                }
            }
            throw new IllegalStateException("no cpu" + core + " in /proc/stat");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat: " + e, e);
        }
    }
}
