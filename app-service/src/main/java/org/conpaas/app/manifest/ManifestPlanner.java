package org.conpaas.app.manifest;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.catalog.ServiceCatalog;
import org.conpaas.app.service.Releases;
import org.conpaas.app.service.ServiceLimits;
import org.conpaas.app.service.ServiceQueries;
import org.conpaas.app.service.WebRoles;
import org.conpaas.app.service.api.AddNodesCommand;
import org.conpaas.app.service.api.AddServiceCommand;
import org.conpaas.app.service.api.BindDatabaseCommand;
import org.conpaas.app.service.api.ChangeEnvironmentCommand;
import org.conpaas.app.service.api.RemoveNodesCommand;
import org.conpaas.app.service.api.SetHealthPathCommand;
import org.conpaas.app.service.api.StartServiceCommand;
import org.conpaas.app.service.api.StopServiceCommand;
import org.conpaas.app.service.api.UnbindDatabaseCommand;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.service.ServiceBinding;
import org.conpaas.kit.web.ApiException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a manifest and the application as it stands into the steps that make the one match the
 * other: services added, their environment, health path and bindings brought in line, their nodes
 * started, scaled or stopped. Every problem is found before any step runs; a manifest that matches
 * gives no step at all. Scaling happens one step per service and push: what must wait for a
 * service to settle (RUNNING) is reported as pending, for the next push.
 */
@Component
public class ManifestPlanner {

    private static final Set<String> ACTIVE = Set.of("PLANNED", "REQUESTED", "RUNNING");
    private static final Set<String> SETTLING = Set.of("PROLOGUE", "ADAPTING", "EPILOGUE");

    /** What a push does: steps in order (a sentence and a command each), notes, and whether more waits for the services to settle. */
    public record Plan(List<Step> steps, List<String> notes, boolean pending) {
    }

    /** One change, as a person reads it and as the command that makes it. */
    public record Step(String description, Object command) {
    }

    private final ServiceQueries services;
    private final ServiceCatalog catalog;
    private final ServiceLimits limits;
    private final CommandGateway commands;

    ManifestPlanner(ServiceQueries services, ServiceCatalog catalog, ServiceLimits limits, CommandGateway commands) {
        this.services = services;
        this.catalog = catalog;
        this.limits = limits;
        this.commands = commands;
    }

    /**
     * The plan, or 400 listing every problem, the manifest's own ({@code found}, from reading it) first;
     * {@code scale} false leaves nodes alone (cps uploads code in between).
     */
    public Plan plan(ApplicationView application, Manifest manifest, boolean scale, List<String> found) {
        ApplicationId appId = ApplicationId.of(application.id());
        List<String> problems = new ArrayList<>(found);
        if (application.deleting()) {
            throw ApiException.conflict("the application is being deleted; a manifest cannot change it");
        }
        if (manifest.application() != null && !manifest.application().equalsIgnoreCase(application.name())) {
            problems.add("application: the manifest is for application " + manifest.application() + ", not " + application.name());
        }
        Map<String, ServiceView> existing = new LinkedHashMap<>();
        for (ServiceView listed : services.ofApplication(appId)) {
            services.find(appId, ServiceId.of(listed.id())).ifPresent(s -> existing.put(key(s.name()), s));
        }
        // every service's id and type up front: a binding may name a service this push adds
        Map<String, ServiceId> ids = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        existing.forEach((name, s) -> {
            ids.put(name, ServiceId.of(s.id()));
            types.put(name, s.type());
        });
        int added = 0;
        for (Manifest.Service s : manifest.services()) {
            if (s.name() != null && !existing.containsKey(key(s.name()))) {
                ids.put(key(s.name()), ServiceId.random());
                types.put(key(s.name()), s.type());
                added++;
            }
        }
        if (existing.size() + added > limits.maxPerApplication()) {
            problems.add("services: an application has at most " + limits.maxPerApplication() + " services; this one would have "
                    + (existing.size() + added));
        }
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean pending = false;
        for (int i = 0; i < manifest.services().size(); i++) {
            Manifest.Service wanted = manifest.services().get(i);
            if (wanted.name() == null || wanted.type() == null) {
                continue; // its problem is listed already
            }
            String path = "services[" + i + "] (" + wanted.name() + ")";
            ServiceView now = existing.get(key(wanted.name()));
            ServiceId id = ids.get(key(wanted.name()));
            List<Step> own = new ArrayList<>();
            if (now == null) {
                try {
                    catalog.runnable(wanted.type(), wanted.cloud());
                } catch (ApiException e) {
                    problems.add(path + ".type: " + e.getMessage());
                    continue;
                }
                own.add(new Step(wanted.name() + ": added (" + wanted.type() + (wanted.cloud() == null ? "" : " on " + wanted.cloud()) + ")",
                        new AddServiceCommand(id, appId, UserId.of(application.ownerId()), wanted.type(), wanted.name(), wanted.cloud())));
            } else {
                if (!now.type().equals(wanted.type())) {
                    problems.add(path + ".type: " + now.name() + " is a " + now.type() + " service; a manifest cannot change a type"
                            + " (remove the service first)");
                    continue;
                }
                if (wanted.cloud() != null && !wanted.cloud().equals(now.cloud())) {
                    problems.add(path + ".cloud: " + now.name() + " was added on " + (now.cloud() == null ? "the default cloud" : now.cloud())
                            + "; its cloud cannot change (name other clouds when scaling instead)");
                }
                if (now.removing()) {
                    problems.add(path + ": " + now.name() + " is being removed");
                    continue;
                }
            }
            boolean hosting = WebRoles.hosting(wanted.type());
            environment(wanted, now, id, path, problems, own);
            health(wanted, now, id, hosting, path, problems, own);
            bindings(wanted, now, id, hosting, ids, types, path, problems, own);
            if (scale && wanted.nodes() != null) {
                pending |= nodes(wanted, now, id, hosting, application.ownerId(), path, problems, own, notes);
            }
            steps.addAll(own);
        }
        for (ServiceView s : existing.values()) {
            if (manifest.services().stream().noneMatch(m -> m.name() != null && key(m.name()).equals(key(s.name())))) {
                notes.add(s.name() + ": not in the manifest, left as it is");
            }
        }
        if (!problems.isEmpty()) {
            throw ManifestReader.refusal(problems);
        }
        return new Plan(List.copyOf(steps), List.copyOf(notes), pending);
    }

    /** Runs the plan's steps in order. */
    public void apply(Plan plan) {
        for (Step step : plan.steps()) {
            commands.sendAndWait(step.command());
        }
    }

    private static void environment(Manifest.Service wanted, ServiceView now, ServiceId id, String path, List<String> problems,
                                    List<Step> steps) {
        if (wanted.environment() == null && wanted.secrets().isEmpty()) {
            return;
        }
        Map<String, String> desired = wanted.environment() == null ? Map.of() : wanted.environment();
        Map<String, ServiceView.VariableView> current = new TreeMap<>();
        if (now != null) {
            now.environment().forEach(v -> current.put(v.name(), v));
        }
        Map<String, String> set = new TreeMap<>();
        List<String> secret = new ArrayList<>();
        for (Map.Entry<String, String> variable : desired.entrySet()) {
            ServiceView.VariableView there = current.get(variable.getKey());
            boolean isSecret = wanted.secrets().contains(variable.getKey());
            // a secret's value is never read back: one that is set already is kept (cps service env set changes it)
            boolean same = there != null && there.secret() == isSecret && (isSecret || Objects.equals(there.value(), variable.getValue()));
            if (!same) {
                set.put(variable.getKey(), variable.getValue());
                if (isSecret) {
                    secret.add(variable.getKey());
                }
            }
        }
        for (String name : wanted.secrets()) {
            if (!desired.containsKey(name) && (current.get(name) == null || !current.get(name).secret())) {
                problems.add(path + ".secrets: " + name + " has no value in the manifest and is not set as a secret yet: give it in"
                        + " environment once");
            }
        }
        List<String> unset = current.keySet().stream().filter(name -> !desired.containsKey(name) && !wanted.secrets().contains(name)).toList();
        if (set.isEmpty() && unset.isEmpty()) {
            return;
        }
        ChangeEnvironmentCommand change = new ChangeEnvironmentCommand(id, set, secret, unset);
        String problem = Releases.problemWith(change);
        if (problem != null) {
            problems.add(path + ".environment: " + problem);
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!set.isEmpty()) {
            parts.add("set " + String.join(", ", set.keySet()));
        }
        if (!unset.isEmpty()) {
            parts.add("unset " + String.join(", ", unset));
        }
        steps.add(new Step(wanted.name() + ": environment " + String.join("; ", parts), change));
    }

    private static void health(Manifest.Service wanted, ServiceView now, ServiceId id, boolean hosting, String path, List<String> problems,
                               List<Step> steps) {
        if (wanted.health() == null) {
            return;
        }
        if (!hosting) {
            problems.add(path + ".health: a " + wanted.type() + " service has no health check; php and java services do");
            return;
        }
        String problem = Releases.problemWithHealthPath(wanted.health());
        if (problem != null) {
            problems.add(path + ".health: " + problem);
            return;
        }
        String current = now == null || now.release() == null ? "/" : now.release().healthPath();
        if (!wanted.health().equals(current)) {
            steps.add(new Step(wanted.name() + ": health check GET " + wanted.health(), new SetHealthPathCommand(id, wanted.health())));
        }
    }

    private static void bindings(Manifest.Service wanted, ServiceView now, ServiceId id, boolean hosting, Map<String, ServiceId> ids,
                                 Map<String, String> types, String path, List<String> problems, List<Step> steps) {
        if (wanted.bindings() == null) {
            return;
        }
        if (!hosting && !wanted.bindings().isEmpty()) {
            problems.add(path + ".bind: a " + wanted.type() + " service cannot be bound to a database; php and java services can");
            return;
        }
        Map<String, ServiceBinding> desired = new LinkedHashMap<>();
        for (Manifest.Binding binding : wanted.bindings()) {
            ServiceId target = ids.get(key(binding.service()));
            if (target == null) {
                problems.add(path + ".bind: the application has no service " + binding.service() + " and the manifest adds none");
                continue;
            }
            if (!"mysql".equals(types.get(key(binding.service())))) {
                problems.add(path + ".bind: " + binding.service() + " is a " + types.get(key(binding.service()))
                        + " service: only mysql services can be bound");
                continue;
            }
            String database = binding.database() == null ? Releases.defaultDatabase(wanted.name()) : binding.database();
            String problem = Releases.problemWithDatabase(database);
            if (problem != null) {
                problems.add(path + ".bind: " + problem);
                continue;
            }
            desired.put(target.value(), new ServiceBinding(target, binding.service(), database));
        }
        List<ServiceView.BindingView> current = now == null ? List.of() : now.bindings();
        for (ServiceBinding binding : desired.values()) {
            boolean same = current.stream().anyMatch(b -> b.serviceId().equals(binding.serviceId().value())
                    && b.database().equals(binding.database()));
            if (!same) {
                steps.add(new Step(wanted.name() + ": bound to " + binding.serviceName() + " (database " + binding.database() + ")",
                        new BindDatabaseCommand(id, binding)));
            }
        }
        for (ServiceView.BindingView binding : current) {
            if (!desired.containsKey(binding.serviceId())) {
                steps.add(new Step(wanted.name() + ": unbound from " + binding.serviceName(),
                        new UnbindDatabaseCommand(id, ServiceId.of(binding.serviceId()))));
            }
        }
    }

    /** Adds the scaling step if one is due now; true when more must wait until the service is RUNNING. */
    private boolean nodes(Manifest.Service wanted, ServiceView now, ServiceId id, boolean hosting, String owner, String path,
                          List<String> problems, List<Step> steps, List<String> notes) {
        Manifest.Nodes nodes = wanted.nodes();
        if (nodes.byRole() != null && !hosting) {
            problems.add(path + ".nodes: counts per role are for php and java services; give a number");
            return false;
        }
        String state = now == null ? "INIT" : now.state();
        List<ServiceView.NodeView> active = now == null ? List.of() : now.nodes().stream().filter(n -> ACTIVE.contains(n.state())).toList();
        Map<String, Integer> desiredByRole = nodes.byRole() == null ? null : new TreeMap<>(nodes.byRole());
        int total = desiredByRole == null ? nodes.total() : desiredByRole.getOrDefault("backend", 1);
        if (desiredByRole != null) {
            for (Map.Entry<String, Integer> role : desiredByRole.entrySet()) {
                if (role.getValue() < 1) {
                    problems.add(path + ".nodes." + role.getKey() + ": at least 1 (the service's first node has every role)");
                    return false;
                }
            }
        }
        int most = limits.maxNodesPerRequest();
        if (total > most) {
            problems.add(path + ".nodes: at most " + most + " nodes a step, not " + total);
            return false;
        }
        if (state.equals("INIT") || state.equals("STOPPED")) {
            if (total == 0) {
                return false;
            }
            requireCredit(owner, path, problems);
            steps.add(new Step(wanted.name() + ": started with " + total + (total == 1 ? " node" : " nodes"),
                    new StartServiceCommand(id, total, List.of())));
            // a php/java start makes one node with every role and backends: other proxy or web counts need a second push
            return desiredByRole != null && (desiredByRole.getOrDefault("proxy", 1) != 1 || desiredByRole.getOrDefault("web", 1) != 1);
        }
        if (total == 0 && desiredByRole == null) {
            if (!active.isEmpty() || SETTLING.contains(state) || state.equals("ERROR")) {
                steps.add(new Step(wanted.name() + ": stopped (0 nodes)", new StopServiceCommand(id, "stopped by a manifest")));
            }
            return false;
        }
        if (state.equals("ERROR")) {
            notes.add(wanted.name() + ": in ERROR; stop it (cps service stop) and push again to start it");
            return false;
        }
        Map<String, Integer> differences = new LinkedHashMap<>();
        if (desiredByRole == null) {
            differences.put(hosting ? "backend" : "", total - active.size());
        } else {
            for (String role : List.of("backend", "proxy", "web")) {
                if (desiredByRole.containsKey(role)) {
                    long have = active.stream().filter(n -> n.webRoles().contains(role)).count();
                    differences.put(role, desiredByRole.get(role) - (int) have);
                }
            }
        }
        differences.values().removeIf(d -> d == 0);
        if (differences.isEmpty()) {
            return false;
        }
        if (!state.equals("RUNNING")) {
            notes.add(wanted.name() + ": " + state + "; its nodes change once it is RUNNING");
            return true;
        }
        Map.Entry<String, Integer> first = differences.entrySet().iterator().next();
        String role = first.getKey().isEmpty() || desiredByRole == null ? null : first.getKey();
        int change = first.getValue();
        String what = role == null ? "" : " " + role;
        if (change > 0) {
            requireCredit(owner, path, problems);
            steps.add(new Step(wanted.name() + ": " + change + what + (change == 1 ? " node" : " nodes") + " added",
                    new AddNodesCommand(id, change, List.of(), role == null && hosting ? "backend" : role, null)));
        } else {
            steps.add(new Step(wanted.name() + ": " + -change + what + (change == -1 ? " node" : " nodes") + " removed",
                    new RemoveNodesCommand(id, -change, role, "removed by a manifest")));
        }
        return differences.size() > 1;
    }

    private void requireCredit(String owner, String path, List<String> problems) {
        services.creditOf(UserId.of(owner)).filter(balance -> balance <= 0).ifPresent(balance ->
                problems.add(path + ".nodes: the owner has no credit left (" + balance + "); nodes cannot start until an administrator adds"
                        + " credit"));
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
