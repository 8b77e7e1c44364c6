package org.conpaas.bench;

/**
 * Benchmark sizes, each from an environment variable (what {@code ./bench/run} passes on) or a
 * system property, with a default that gives the figure docs/benchmarks.md reports.
 */
final class BenchSettings {

    private BenchSettings() {
    }

    static int integer(String environmentVariable, String property, int fallback) {
        String value = System.getenv(environmentVariable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(environmentVariable + "=" + value + ": give a whole number", e);
        }
    }

    /** The machine's load averages, as {@code uptime} shows them (other work shares the cores). */
    static String load() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return "load average " + parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }
}
