package io.eventsourcing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What else was happening to the machine while a backend was measured: the load average and the share
 * of CPU time the hypervisor gave to other guests (steal), both from {@code /proc} where it exists. On
 * a small virtual machine either can move the figures more than the code under test does, so the
 * runner prints them next to the figures.
 */
final class Weather {
    private final long[] start;

    private Weather(long[] start) {
        this.start = start;
    }

    /** Starts observing. */
    static Weather observe() {
        return new Weather(cpuTicks());
    }

    /** The load average and the steal since {@link #observe}, e.g. {@code "load 1.20, CPU steal 3%"}. */
    String report() {
        long[] end = cpuTicks();
        String steal = "unknown";
        if (start.length == 2 && end.length == 2 && end[0] > start[0]) {
            steal = String.format(Locale.ROOT, "%.0f%%", 100.0 * (end[1] - start[1]) / (end[0] - start[0]));
        }
        return "load average " + loadAverage() + ", CPU steal " + steal;
    }

    /** The 1-minute load average, or "unknown". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** All CPU ticks and stolen ticks so far, from the first line of /proc/stat; empty if unavailable. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            return fields.length > 8 ? new long[] {total, Long.parseLong(fields[8])} : new long[0];
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
