package org.conpaas.app.service;

import org.conpaas.app.service.api.ChangeEnvironmentCommand;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceBinding;
import org.conpaas.kit.domain.RuleViolationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A service's releases: what its nodes are to run (a code version, an environment, the backends'
 * health path, the mysql services it is bound to). Each change makes the next release; the last one that reached every node is kept
 * so a release whose rollout was stopped gives way to it again (the next change builds on what runs).
 */
public final class Releases {

    static final int MAX_VARIABLES = 100;
    static final int MAX_VALUE_LENGTH = 4096;
    static final String DEFAULT_HEALTH_PATH = "/";
    static final int MAX_BINDINGS = 5;
    private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,255}");

    /** One release's content. */
    record Content(int codeVersion, Map<String, String> environment, Set<String> secrets, String healthPath,
                   List<ServiceBinding> bindings) {

        static final Content NONE = new Content(0, Map.of(), Set.of(), DEFAULT_HEALTH_PATH, List.of());

        Content {
            environment = Collections.unmodifiableMap(new TreeMap<>(environment));
            secrets = Set.copyOf(secrets);
            bindings = bindings == null ? List.of() : List.copyOf(bindings);
        }

        List<String> secretNames() {
            return secrets.stream().sorted().toList();
        }
    }

    private int number;
    private Content current = Content.NONE;
    private Content good = Content.NONE;
    private boolean hasGood;
    private int endedNumber;

    int number() {
        return number;
    }

    Content current() {
        return current;
    }

    /** What the nodes run after a stopped rollout: the last release that reached every node, else the stopped one. */
    Content afterStopped() {
        return hasGood ? good : current;
    }

    void created(int release, Content content) {
        number = release;
        current = content;
    }

    /** The rollout of {@code release} ended; stopped: what runs is the last good release again. */
    void ended(int release, boolean rolledOut) {
        if (release != number) {
            return;
        }
        endedNumber = release;
        if (rolledOut) {
            good = current;
            hasGood = true;
        } else if (hasGood) {
            current = good;
        }
    }

    /** True when the rollout of the current release has not ended yet: an older release's end is old news. */
    boolean endIsNews(int release) {
        return release == number && endedNumber != release;
    }

    Content withCode(int version) {
        return new Content(version, current.environment(), current.secrets(), current.healthPath(), current.bindings());
    }

    Content withHealthPath(String path) {
        String problem = problemWithHealthPath(path);
        if (problem != null) {
            throw new RuleViolationException(problem);
        }
        return new Content(current.codeVersion(), current.environment(), current.secrets(), path, current.bindings());
    }

    /** The environment after the change, checked: names, single-line values, sizes; CONPAAS_ names are the platform's. */
    Content withEnvironment(ChangeEnvironmentCommand change) {
        String problem = problemWith(change);
        if (problem != null) {
            throw new RuleViolationException(problem);
        }
        Map<String, String> environment = new TreeMap<>(current.environment());
        Set<String> secrets = new LinkedHashSet<>(current.secrets());
        for (String name : change.unset()) {
            if (environment.remove(name) == null) {
                throw new RuleViolationException("no variable " + name + " is set");
            }
            secrets.remove(name);
        }
        for (Map.Entry<String, String> variable : change.set().entrySet()) {
            environment.put(variable.getKey(), variable.getValue());
            if (change.secret().contains(variable.getKey())) {
                secrets.add(variable.getKey());
            } else {
                secrets.remove(variable.getKey());
            }
        }
        if (environment.size() > MAX_VARIABLES) {
            throw new RuleViolationException("a service has at most " + MAX_VARIABLES + " environment variables");
        }
        return new Content(current.codeVersion(), environment, secrets, current.healthPath(), current.bindings());
    }

    /** The content bound to {@code binding} (its database changed when bound already); empty when it is bound so already. */
    java.util.Optional<Content> withBinding(ServiceBinding binding) {
        String problem = problemWithDatabase(binding.database());
        if (problem != null) {
            throw new RuleViolationException(problem);
        }
        List<ServiceBinding> bindings = new ArrayList<>();
        for (ServiceBinding existing : current.bindings()) {
            if (existing.equals(binding)) {
                return java.util.Optional.empty();
            }
            if (!existing.serviceId().equals(binding.serviceId())) {
                bindings.add(existing);
            }
        }
        bindings.add(binding);
        if (bindings.size() > MAX_BINDINGS) {
            throw new RuleViolationException("a service is bound to at most " + MAX_BINDINGS + " databases");
        }
        return java.util.Optional.of(new Content(current.codeVersion(), current.environment(), current.secrets(), current.healthPath(),
                bindings));
    }

    Content withoutBinding(ServiceId database) {
        List<ServiceBinding> bindings = current.bindings().stream().filter(b -> !b.serviceId().equals(database)).toList();
        if (bindings.size() == current.bindings().size()) {
            throw new RuleViolationException("the service is not bound to that database service");
        }
        return new Content(current.codeVersion(), current.environment(), current.secrets(), current.healthPath(), bindings);
    }

    /** A binding's database name: lower-case letters, digits and _, not one of MariaDB's own; null when it is fine. */
    public static String problemWithDatabase(String name) {
        if (name == null || !DATABASE.matcher(name).matches()) {
            return "a database name is 1 to 64 lower-case letters, digits and _; '" + abbreviate(name) + "' is not";
        }
        return SYSTEM_DATABASES.contains(name) ? "'" + name + "' is MariaDB's own database: choose another name" : null;
    }

    /** The database a binding gets when none is named: the bound service's name in lower case, other characters as _. */
    public static String defaultDatabase(String serviceName) {
        String name = serviceName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        name = name.length() > 64 ? name.substring(0, 64) : name;
        return SYSTEM_DATABASES.contains(name) ? name + "_app" : name;
    }

    /** What is wrong with a change on its own (names, values, secrets not set), null when nothing; never quotes a value. */
    public static String problemWith(ChangeEnvironmentCommand change) {
        if (change.set().isEmpty() && change.unset().isEmpty()) {
            return "name at least one variable to set or unset";
        }
        for (String name : change.unset()) {
            String problem = problemWithName(name);
            if (problem != null) {
                return problem;
            }
        }
        for (Map.Entry<String, String> variable : change.set().entrySet()) {
            String problem = problemWithName(variable.getKey());
            if (problem != null) {
                return problem;
            }
            String value = variable.getValue();
            if (value == null || value.length() > MAX_VALUE_LENGTH || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                    || value.indexOf('\0') >= 0) {
                return "the value of " + variable.getKey() + " must be one line of at most " + MAX_VALUE_LENGTH + " characters";
            }
            if (change.unset().contains(variable.getKey())) {
                return variable.getKey() + " is both set and unset";
            }
        }
        for (String name : change.secret()) {
            if (!change.set().containsKey(name)) {
                return "secret " + name + " is not among the variables set";
            }
        }
        if (change.set().size() > MAX_VARIABLES) {
            return "a service has at most " + MAX_VARIABLES + " environment variables";
        }
        return null;
    }

    public static String problemWithHealthPath(String path) {
        return path != null && HEALTH_PATH.matcher(path).matches() ? null
                : "the health-check path must start with / and hold only URL characters (at most 256), was '" + abbreviate(path) + "'";
    }

    /** What changed, for the history: names only, never values. */
    static String describe(ChangeEnvironmentCommand change) {
        List<String> parts = new ArrayList<>();
        if (!change.set().isEmpty()) {
            parts.add("set " + String.join(", ", new TreeMap<>(change.set()).keySet()));
        }
        if (!change.unset().isEmpty()) {
            parts.add("unset " + String.join(", ", change.unset()));
        }
        return "environment: " + String.join("; ", parts);
    }

    private static String problemWithName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "an environment variable name is letters, digits and _ (not first a digit), at most 128; '" + abbreviate(name)
                    + "' is not";
        }
        return name.startsWith("CONPAAS_") ? name + ": names starting with CONPAAS_ are set by the platform" : null;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
