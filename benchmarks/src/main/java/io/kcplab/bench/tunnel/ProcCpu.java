package io.kcplab.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time (user + system, all threads) of another process, from /proc/PID/stat. */
final class ProcCpu {

    private ProcCpu() {
    }

    /** utime + stime of {@code pid} in seconds; {@code clockTicks} is USER_HZ ({@code getconf CLK_TCK}). */
    static double seconds(long pid, int clockTicks) {
        try {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: count fields from the closing parenthesis
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
        }
    }
}
