package org.conpaas.provisioning.logs;

import java.util.regex.Pattern;

/** A line a node's log gained: which log ({@code service}, {@code nginx}, {@code proxy-access}, …) and the text. */
public record LogLine(String source, String line) {

    static final int MAX_LINE = 2000;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /** What is wrong with it, null when nothing. */
    public String problem() {
        if (source == null || !SOURCE.matcher(source).matches()) {
            return "a log line's source is a log name like nginx or service";
        }
        return line == null ? "a log line needs its text" : null;
    }

    /** At most {@link #MAX_LINE} characters, without NUL (PostgreSQL text cannot hold it). */
    LogLine clipped() {
        String clean = line.indexOf('\0') < 0 ? line : line.replace('\0', '\uFFFD');
        return new LogLine(source, clean.length() <= MAX_LINE ? clean : clean.substring(0, MAX_LINE) + "…");
    }
}
