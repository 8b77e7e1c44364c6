package org.conpaas.provisioning.cloud.docker;

import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One Docker cloud's settings, checked all at once so the operator sees every problem together.
 * {@code tlsCertPath} and {@code directorUrl} are null when not set.
 */
record DockerSettings(URI host, Path tlsCertPath, String image, String network, NodeSubnet subnet, BigDecimal cpus,
                      int memoryMb, URI directorUrl) {

    static final Set<String> KEYS = Set.of("host", "tls-cert-path", "image", "network", "subnet", "cpus", "memory", "director-url");
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    static final String DEFAULT_IMAGE = "conpaas/node:latest";
    static final String DEFAULT_NETWORK = "conpaas-nodes";
    static final String DEFAULT_SUBNET = "10.213.0.0/24";
    /** a JVM with the agent and a little tenant code needs about this much */
    static final int MIN_MEMORY_MB = 128;

    private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+([._/:@-][A-Za-z0-9_.-]+)*");
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern CPUS = Pattern.compile("[0-9]+(\\.[0-9]{1,3})?");
    
    /** Reads and checks the settings; throws {@link InvalidCloudSettingsException} naming every missing or wrong one. */
    static DockerSettings from(String cloudName, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        URI host = host(valueOr(settings, "host", DEFAULT_HOST), problems);
        Path tls = tlsCertPath(host, value(settings, "tls-cert-path"), problems);
        String image = valueOr(settings, "image", DEFAULT_IMAGE);
        if (!IMAGE.matcher(image).matches()) {
            problems.add("image must be an image reference such as conpaas/node:latest, not '" + image + "'");
        }
        String network = valueOr(settings, "network", DEFAULT_NETWORK);
        if (!NETWORK.matcher(network).matches()) {
            problems.add("network must be a Docker network name (letters, digits, '.', '_' or '-'), not '" + network + "'");
        }
        NodeSubnet subnet = subnet(valueOr(settings, "subnet", DEFAULT_SUBNET), problems);
        BigDecimal cpus = cpus(valueOr(settings, "cpus", "1"), problems);
        int memory = memory(valueOr(settings, "memory", "512"), problems);
        URI directorUrl = directorUrl(value(settings, "director-url"), problems);
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            problems.add("unknown settings " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCloudSettingsException(cloudName, problems);
        }
        return new DockerSettings(host, tls, image, network, subnet, cpus, memory, directorUrl);
    }

    private static URI host(String value, List<String> problems) {
        try {
            URI uri = URI.create(value);
            if ("unix".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().startsWith("/") && uri.getHost() == null) {
                return uri;
            }
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0 && (uri.getPath() == null
                    || uri.getPath().isEmpty())) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        problems.add("host must be unix:///path/to/docker.sock or tcp://host:port, not '" + value + "'");
        return null;
    }

    private static Path tlsCertPath(URI host, String value, List<String> problems) {
        boolean tcp = host != null && "tcp".equals(host.getScheme());
        if (value == null) {
            if (tcp) {
                problems.add("tls-cert-path is required with a tcp host (a directory with ca.pem, cert.pem and key.pem):"
                        + " an engine's port without TLS gives root on its machine to anyone who reaches it");
            }
            return null;
        }
        if (!tcp) {
            problems.add("tls-cert-path goes with a tcp://host:port host only");
            return null;
        }
        Path dir = Path.of(value);
        List<String> missing = new ArrayList<>();
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            if (!Files.isReadable(dir.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("tls-cert-path " + value + " must hold readable ca.pem, cert.pem and key.pem (missing: "
                    + String.join(", ", missing) + ")");
        }
        return dir;
    }

    private static NodeSubnet subnet(String value, List<String> problems) {
        NodeSubnet subnet = NodeSubnet.parse(value);
        if (subnet == null || !subnet.isPrivate() || subnet.prefix() < 16 || subnet.prefix() > 28) {
            problems.add("subnet must be a private IPv4 network of /16 to /28 such as " + DEFAULT_SUBNET + ", not '" + value + "'");
            return null;
        }
        if (!subnet.isNetworkAddress()) {
            problems.add("subnet " + value + " has host bits set: its network is " + subnet.network());
            return null;
        }
        return subnet;
    }

    private static BigDecimal cpus(String value, List<String> problems) {
        if (CPUS.matcher(value).matches()) {
            BigDecimal cpus = new BigDecimal(value);
            if (cpus.signum() > 0) {
                return cpus;
            }
        }
        problems.add("cpus must be a positive number of CPUs such as 1 or 0.5, not '" + value + "'");
        return null;
    }

    private static int memory(String value, List<String> problems) {
        try {
            int memory = Integer.parseInt(value);
            if (memory >= MIN_MEMORY_MB) {
                return memory;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("memory must be a whole number of MB, " + MIN_MEMORY_MB + " or more, not '" + value + "'");
        return 0;
    }

    private static URI directorUrl(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        problems.add("director-url must be an https URL such as https://10.213.0.1:8443, not '" + value + "'");
        return null;
    }

    private static String valueOr(Map<String, String> settings, String key, String fallback) {
        String value = value(settings, key);
        return value == null ? fallback : value;
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
