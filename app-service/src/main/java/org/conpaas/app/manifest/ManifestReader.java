package org.conpaas.app.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.conpaas.kit.web.ApiException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a manifest (YAML or JSON) into a {@link Manifest}, checking its shape: every problem is
 * collected with its path ({@code services[1].nodes}) and the manifest refused with all of them.
 * What only the application's state can tell (types, clouds, bindings) is checked by {@link ManifestPlanner}.
 */
public final class ManifestReader {

    static final int MAX_BYTES = 256 * 1024;
    static final Set<String> ROLES = Set.of("proxy", "web", "backend");
    private static final Set<String> TOP = Set.of("application", "services");
    private static final Set<String> FIELDS = Set.of("name", "type", "cloud", "nodes", "environment", "secrets", "health", "bind", "code");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> problems = new ArrayList<>();

    private ManifestReader() {
    }

    /** The manifest in {@code text}; YAML unless {@code json}; refused with every problem of its shape. */
    public static Manifest read(String text, boolean json) {
        List<String> problems = new ArrayList<>();
        Manifest manifest = read(text, json, problems);
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
        return manifest;
    }

    /** The manifest in {@code text}, as much of it as could be read, its shape's problems added to {@code problems}. */
    public static Manifest read(String text, boolean json, List<String> problems) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("the manifest is empty: send YAML or JSON with application and services");
        }
        if (text.length() > MAX_BYTES) {
            throw ApiException.invalid("a manifest is at most " + MAX_BYTES / 1024 + " KB");
        }
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.invalid("the manifest is not " + (json ? "JSON" : "YAML") + where + ": " + e.getOriginalMessage());
        }
        ManifestReader reader = new ManifestReader();
        Manifest manifest = reader.manifest(root);
        problems.addAll(reader.problems);
        return manifest;
    }

    /** A 400 listing every problem; its detail the only one, or how many. */
    static ApiException refusal(List<String> problems) {
        return ApiException.invalid("the manifest has " + problems.size() + (problems.size() == 1 ? " problem: " + problems.get(0)
                : " problems; nothing was changed"), problems);
    }

    private Manifest manifest(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add("the manifest must be a mapping with application and services");
            return new Manifest(null, List.of());
        }
        unknown(root, TOP, "");
        String application = text(root.get("application"), "application");
        List<Manifest.Service> services = new ArrayList<>();
        JsonNode list = root.get("services");
        if (list == null || list.isNull()) {
            problems.add("services: list the application's services (name and type each)");
        } else if (!list.isArray()) {
            problems.add("services: must be a list");
        } else {
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Manifest.Service service = service(list.get(i), "services[" + i + "]");
                if (service != null) {
                    if (service.name() != null && !names.add(service.name().toLowerCase(Locale.ROOT))) {
                        problems.add("services[" + i + "].name: " + service.name() + " is named twice");
                    }
                    services.add(service);
                }
            }
        }
        return new Manifest(application, services);
    }

    private Manifest.Service service(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problems.add(path + ": must be a mapping with name and type");
            return null;
        }
        unknown(node, FIELDS, path + ".");
        String name = text(node.get("name"), path + ".name");
        if (name == null) {
            problems.add(path + ".name: every service needs a name");
        } else if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            problems.add(path + ".name: 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, not '" + clip(name) + "'");
        }
        String type = text(node.get("type"), path + ".type");
        if (type == null) {
            problems.add(path + ".type: every service needs a type (cps catalog lists them)");
        }
        String label = path + (name == null ? "" : " (" + name + ")");
        return new Manifest.Service(name, type == null ? null : type.toLowerCase(Locale.ROOT), text(node.get("cloud"), path + ".cloud"),
                nodes(node.get("nodes"), label + ".nodes"), environment(node.get("environment"), label + ".environment"),
                secrets(node.get("secrets"), label + ".secrets"), text(node.get("health"), label + ".health"),
                bindings(node.get("bind"), label + ".bind"), text(node.get("code"), label + ".code"));
    }

    private Manifest.Nodes nodes(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return count(node, path) == null ? null : Manifest.Nodes.of(node.asInt());
        }
        if (!node.isObject()) {
            problems.add(path + ": a number of nodes, or counts per role (proxy, web, backend)");
            return null;
        }
        Map<String, Integer> byRole = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> role = it.next();
            if (!ROLES.contains(role.getKey())) {
                problems.add(path + "." + clip(role.getKey()) + ": roles are proxy, web and backend");
            } else {
                Integer n = count(role.getValue(), path + "." + role.getKey());
                if (n != null) {
                    byRole.put(role.getKey(), n);
                }
            }
        }
        return new Manifest.Nodes(null, byRole);
    }

    private Integer count(JsonNode node, String path) {
        if (!node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > 1000) {
            problems.add(path + ": a whole number from 0, not " + clip(node.toString()));
            return null;
        }
        return node.asInt();
    }

    private Map<String, String> environment(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path + ": a mapping of NAME: value");
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            JsonNode value = variable.getValue();
            if (value == null || !value.isValueNode() || value.isNull()) {
                problems.add(path + "." + clip(variable.getKey()) + ": a value is text, a number or true/false");
            } else {
                variables.put(variable.getKey(), value.asText());
            }
        }
        return variables;
    }

    private Set<String> secrets(JsonNode node, String path) {
        Set<String> names = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            problems.add(path + ": a list of variable names");
            return names;
        }
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                problems.add(path + ": a list of variable names, not " + clip(name.toString()));
            } else {
                names.add(name.asText());
            }
        }
        return names;
    }

    private List<Manifest.Binding> bindings(JsonNode node, String path) {
        List<Manifest.Binding> bindings = new ArrayList<>();
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(path + ": a list of mysql services (a name, or service and database)");
            return bindings;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (entry.isTextual()) {
                bindings.add(new Manifest.Binding(entry.asText(), null));
            } else if (entry.isObject() && entry.path("service").isTextual()) {
                unknown(entry, Set.of("service", "database"), path + "[" + i + "].");
                bindings.add(new Manifest.Binding(entry.get("service").asText(), text(entry.get("database"), path + "[" + i + "].database")));
            } else {
                problems.add(path + "[" + i + "]: a mysql service's name, or {service: NAME, database: NAME}");
            }
        }
        return bindings;
    }

    private String text(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            problems.add(path + ": must be text");
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private void unknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                problems.add(prefix + clip(field) + ": unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
