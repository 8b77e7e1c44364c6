package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One OpenNebula cloud's settings, checked all at once so the operator sees every problem together.
 * A node is started either from a VM template ({@code template-id}) or from an image with the
 * capacity given here ({@code image-id}, {@code cpu}, {@code vcpu}, {@code memory}); optional values
 * are null when not set. {@code session} is OpenNebula's {@code user:password} session string.
 */
record OpenNebulaSettings(URI endpoint, String session, Integer templateId, Integer imageId, Integer networkId, String cpu,
                          Integer vcpu, Integer memory, String namePrefix, Bootstrap bootstrap) {

    /** How the image's contextualization runs the node's bootstrap script. */
    enum Bootstrap {
        /** one-context packages (OpenNebula's own images): CONTEXT/START_SCRIPT_BASE64 */
        START_SCRIPT,
        /** cloud-init's OpenNebula data source: CONTEXT/USER_DATA, base64 */
        CLOUD_INIT
    }

    static final Set<String> KEYS = Set.of("endpoint", "credentials", "credentials-file", "template-id", "image-id", "network-id",
            "cpu", "vcpu", "memory", "name-prefix", "bootstrap");

    private static final Pattern CPU = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern SESSION = Pattern.compile("[^:\\s]+:\\S.*");
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** Reads and checks the settings; throws {@link InvalidCloudSettingsException} naming every missing or wrong one. */
    static OpenNebulaSettings from(String cloudName, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        URI endpoint = endpoint(value(settings, "endpoint"), problems);
        String session = session(value(settings, "credentials"), value(settings, "credentials-file"), problems);
        Integer templateId = id(settings, "template-id", problems);
        Integer imageId = id(settings, "image-id", problems);
        Integer networkId = id(settings, "network-id", problems);
        if (value(settings, "template-id") == null && value(settings, "image-id") == null) {
            problems.add("template-id or image-id is required (the VM template, or the image with cpu, memory and network-id)");
        } else if (value(settings, "template-id") != null && value(settings, "image-id") != null) {
            problems.add("template-id and image-id exclude each other: set one");
        } else if (value(settings, "image-id") != null && value(settings, "network-id") == null) {
            problems.add("network-id is required with image-id (the virtual network of the node's NIC)");
        }
        boolean fromImage = value(settings, "template-id") == null;
        String cpu = value(settings, "cpu") == null ? (fromImage ? "1" : null) : value(settings, "cpu");
        if (cpu != null && !(CPU.matcher(cpu).matches() && Double.parseDouble(cpu) > 0)) {
            problems.add("cpu must be a positive number such as 1 or 0.5, not '" + cpu + "'");
        }
        Integer vcpu = positive(settings, "vcpu", fromImage ? 1 : null, problems);
        Integer memory = positive(settings, "memory", fromImage ? 1024 : null, problems);
        String namePrefix = value(settings, "name-prefix") == null ? "conpaas" : value(settings, "name-prefix");
        if (!NAME_PREFIX.matcher(namePrefix).matches()) {
            problems.add("name-prefix must be letters, digits, '.', '_' or '-', not '" + namePrefix + "'");
        }
        Bootstrap bootstrap = bootstrap(value(settings, "bootstrap"), problems);
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            problems.add("unknown settings " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCloudSettingsException(cloudName, problems);
        }
        return new OpenNebulaSettings(endpoint, session, templateId, imageId, networkId, cpu, vcpu, memory, namePrefix, bootstrap);
    }

    String user() {
        return session.substring(0, session.indexOf(':'));
    }

    @Override
    public String toString() {
        // the password stays out of logs and messages
        return "OpenNebulaSettings[endpoint=" + endpoint + ", user=" + user() + ", template-id=" + templateId + ", image-id=" + imageId
                + ", network-id=" + networkId + "]";
    }

    private static URI endpoint(String value, List<String> problems) {
        if (value == null) {
            problems.add("endpoint is required (oned's XML-RPC URL, e.g. http://one.example.org:2633/RPC2)");
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && Arrays.asList("http", "https").contains(uri.getScheme()) && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        problems.add("endpoint must be an http(s) URL without credentials such as http://one.example.org:2633/RPC2, not '"
                + value + "'");
        return null;
    }

    private static String session(String credentials, String file, List<String> problems) {
        if (credentials != null && file != null) {
            problems.add("credentials and credentials-file exclude each other: set one");
            return null;
        }
        if (credentials == null && file == null) {
            problems.add("credentials (user:password) or credentials-file (a file holding user:password, like ~/.one/one_auth)"
                    + " is required");
            return null;
        }
        if (credentials != null) {
            if (!SESSION.matcher(credentials).matches()) {
                problems.add("credentials must look like user:password");
            }
            return credentials;
        }
        try {
            String first = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(line -> !line.isEmpty()).findFirst().orElse("");
            if (!SESSION.matcher(first).matches()) {
                problems.add("credentials-file " + file + " must hold user:password on its first line");
            }
            return first;
        } catch (IOException | RuntimeException e) {
            problems.add("credentials-file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static Integer id(Map<String, String> settings, String key, List<String> problems) {
        String value = value(settings, key);
        if (value == null) {
            return null;
        }
        try {
            int id = Integer.parseInt(value);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be an OpenNebula id (0 or more), not '" + value + "'");
        return null;
    }

    private static Integer positive(Map<String, String> settings, String key, Integer fallback, List<String> problems) {
        String value = value(settings, key);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a whole number above 0" + ("memory".equals(key) ? " (MB)" : "") + ", not '" + value + "'");
        return null;
    }

    private static Bootstrap bootstrap(String value, List<String> problems) {
        if (value == null || value.equals("start-script")) {
            return Bootstrap.START_SCRIPT;
        }
        if (value.equals("cloud-init")) {
            return Bootstrap.CLOUD_INIT;
        }
        problems.add("bootstrap must be start-script or cloud-init, not '" + value + "'");
        return null;
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
