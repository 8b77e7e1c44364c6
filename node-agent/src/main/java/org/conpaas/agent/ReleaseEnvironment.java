package org.conpaas.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A release's environment variables, as the runtime gets them (PHP-FPM's pool, Tomcat's process).
 * Names must be {@code [A-Za-z_][A-Za-z0-9_]{0,127}} and values single lines; others are left out,
 * and {@link #ignored()} says which and why naming the variable only: values are secrets (database
 * passwords) and never appear in a log.
 */
record ReleaseEnvironment(Map<String, String> variables, List<String> ignored) {

    static final ReleaseEnvironment EMPTY = new ReleaseEnvironment(Map.of(), List.of());
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_VALUE_CHARS = 32 * 1024;

    static ReleaseEnvironment of(Object environment) {
        if (!(environment instanceof Map<?, ?> given)) {
            return EMPTY;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<?, ?> variable : given.entrySet()) {
            String name = String.valueOf(variable.getKey());
            if (!NAME.matcher(name).matches()) {
                ignored.add("environment variable " + printable(name) + " ignored: a name must be a letter or '_', then up to 127"
                        + " letters, digits or '_'");
            } else if (!(variable.getValue() instanceof String value)) {
                ignored.add("environment variable " + name + " ignored: its value is not a string");
            } else if (!singleLine(value)) {
                ignored.add("environment variable " + name + " ignored: its value must be a single line of at most "
                        + MAX_VALUE_CHARS + " characters");
            } else {
                variables.put(name, value);
            }
        }
        return new ReleaseEnvironment(Collections.unmodifiableMap(variables), List.copyOf(ignored));
    }

    static boolean singleLine(String value) {
        return value.length() <= MAX_VALUE_CHARS && value.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0);
    }

    /** A name as a log may show it: quoted, control characters escaped, at most 80 characters. */
    private static String printable(String name) {
        return Json.quote(AgentSettings.abbreviate(name));
    }

    /** Never the values: only how many variables there are, for logs and toString. */
    @Override
    public String toString() {
        return "ReleaseEnvironment[" + variables.size() + " variables: " + String.join(", ", variables.keySet()) + "]";
    }
}
