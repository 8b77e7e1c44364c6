package org.conpaas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time (user + system) processes have used, from /proc/&lt;pid&gt;/stat. */
final class Cpu {

    /** Linux's USER_HZ: /proc's CPU times are in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    /** The process and every process it started, and they started. */
    static double seconds(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).mapToDouble(Cpu::own).sum();
    }

    /** The process alone (not what it started). */
    static double ownSeconds(ProcessHandle process) {
        return own(process);
    }

    private static double own(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // after the command name in parentheses: state is field 3, utime 14 and stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
