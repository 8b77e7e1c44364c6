package org.conpaas.agent;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The agent's settings, read from the {@code key=value} lines provisioning-service writes
 * ({@code NodeBootstrap.settings()}) plus the agent's own optional keys. Every value is checked
 * here, so the rest of the agent never sees a bad one.
 *
 * @param caCertificate the CA to trust, when the settings carry it; else it is fetched once and pinned
 */
record AgentSettings(URI directorUrl, String enrollmentToken, NodeIdentity identity, Optional<X509Certificate> caCertificate,
                     Path workDir, int httpPort, Duration heartbeatInterval, ServiceType type, Optional<String> wireGuardEndpoint,
                     UnpackLimits unpackLimits, Path codeDir, Optional<ServiceUser> serviceUser,
                     Optional<String> wireGuardInterface, Duration wireGuardInterval, Set<WebRole> webRoles, WebPorts webPorts,
                     String listenAddress, DatabasePorts databasePorts) {

    static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    static final Set<String> KEYS = Set.of("director-url", "enrollment-token", "node-id", "service-id", "application-id",
            "role", "vpn-address", "ca-certificate", "work-dir", "http-port", "heartbeat-interval", "type",
            "wireguard-endpoint", "code-max-unpacked-size", "code-max-entries", "code-dir", "service-user", "service-home",
            "wireguard-interface", "wireguard-interval", "web-roles", "proxy-port", "static-port", "backend-port", "sessions-port",
            "listen-address", "mysql-port", "galera-port", "ist-port", "sst-port");
    /** Linux interface names: at most 15 characters */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /** As cert-service accepts them. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ROLE = Pattern.compile("agent|manager");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Reads {@code file}; a missing work-dir defaults to the file's directory. */
    static AgentSettings load(Path file) throws SettingsException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + file + ": " + e.getMessage());
        }
        Path directory = file.toAbsolutePath().getParent();
        Map<String, String> values = lines(lines);
        List<String> unknown = unknownKeys(values);
        if (!unknown.isEmpty()) {
            Logger.getLogger(AgentSettings.class.getName()).warning(() -> "ignoring unknown settings " + unknown + " in " + file);
        }
        try {
            return parse(values, directory);
        } catch (SettingsException e) {
            throw new SettingsException(e.getMessage() + " (in " + file + ")");
        }
    }

    /** {@code key=value} lines; blank lines and lines starting with # are skipped. */
    static Map<String, String> lines(List<String> lines) throws SettingsException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new SettingsException("config line is not key=value: '" + abbreviate(trimmed) + "'");
            }
            values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return values;
    }

    static AgentSettings parse(Map<String, String> values, Path defaultWorkDir) throws SettingsException {
        URI directorUrl = directorUrl(values);
        String enrollmentToken = required(values, "enrollment-token");
        NodeIdentity identity = new NodeIdentity(id(values, "node-id"), id(values, "service-id"), id(values, "application-id"),
                role(values), vpnAddress(values));
        Path workDir = workDir(values, defaultWorkDir);
        Duration heartbeatInterval = heartbeatInterval(values, "heartbeat-interval", DEFAULT_HEARTBEAT_INTERVAL);
        return new AgentSettings(directorUrl, enrollmentToken, identity, caCertificate(values),
                workDir, httpPort(values), heartbeatInterval, type(values), wireGuardEndpoint(values),
                UnpackLimits.from(values), path(values, "code-dir", workDir.resolve("code")), ServiceUser.from(values),
                wireGuardInterface(values), heartbeatInterval(values, "wireguard-interval", heartbeatInterval),
                WebRole.list(values.get("web-roles")), WebPorts.from(values), listenAddress(values),
                DatabasePorts.from(values));
    }

    /** Where backend, web and sessions listen so that proxies on other nodes reach them: an IP address, 0.0.0.0 by default. */
    private static String listenAddress(Map<String, String> values) throws SettingsException {
        String value = values.get("listen-address");
        if (value == null || value.isEmpty()) {
            return "0.0.0.0";
        }
        if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new SettingsException("setting listen-address must be an IPv4 address, was '" + abbreviate(value) + "'");
        }
        return value;
    }

    private static Path path(Map<String, String> values, String key, Path defaultPath) {
        String value = values.get(key);
        return (value == null || value.isEmpty() ? defaultPath : Path.of(value)).toAbsolutePath().normalize();
    }

    /** The interface the agent brings up with wireguard-go; without it the agent only writes the configuration. */
    private static Optional<String> wireGuardInterface(Map<String, String> values) throws SettingsException {
        String value = values.get("wireguard-interface");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!INTERFACE.matcher(value).matches()) {
            throw new SettingsException("setting wireguard-interface must be an interface name of 1 to 15 letters, digits, '_', '.'"
                    + " or '-', was '" + abbreviate(value) + "'");
        }
        return Optional.of(value);
    }

    /** Keys the agent does not know: logged, not refused, so newer provisioning can add settings. */
    static List<String> unknownKeys(Map<String, String> values) {
        return values.keySet().stream().filter(key -> !KEYS.contains(key)).toList();
    }

    /** {@code host:port} other nodes reach this node's WireGuard on; without it peers only dial out to it. */
    private static Optional<String> wireGuardEndpoint(Map<String, String> values) throws SettingsException {
        String value = values.get("wireguard-endpoint");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? "" : value.substring(colon + 1);
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535
                || !host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw new SettingsException("setting wireguard-endpoint must be host:port, not '" + value + "'");
        }
        return Optional.of(value);
    }

    private static String required(Map<String, String> values, String key) throws SettingsException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new SettingsException("setting " + key + " is missing");
        }
        return value;
    }

    private static URI directorUrl(Map<String, String> values) throws SettingsException {
        String value = required(values, "director-url");
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new SettingsException("setting director-url must be an https:// URL with a host, was '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new SettingsException("setting director-url is not a URL: '" + value + "'");
        }
    }

    private static String id(Map<String, String> values, String key) throws SettingsException {
        String value = required(values, key);
        if (!ID.matcher(value).matches()) {
            throw new SettingsException("setting " + key + " must be 1 to 64 letters, digits, '.', '_' or '-', was '"
                    + abbreviate(value) + "'");
        }
        return value;
    }

    private static String role(Map<String, String> values) throws SettingsException {
        String value = required(values, "role");
        if (!ROLE.matcher(value).matches()) {
            throw new SettingsException("setting role must be agent or manager, was '" + abbreviate(value) + "'");
        }
        return value;
    }

    private static Optional<String> vpnAddress(Map<String, String> values) throws SettingsException {
        String value = values.get("vpn-address");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!IP_LITERAL.matcher(value).matches()) {
            throw new SettingsException("setting vpn-address must be an IP address, was '" + abbreviate(value) + "'");
        }
        return Optional.of(value);
    }

    private static Optional<X509Certificate> caCertificate(Map<String, String> values) throws SettingsException {
        String value = values.get("ca-certificate");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            String pem = new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
            return Optional.of(Pem.certificate(pem));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("setting ca-certificate must be the Base64 of the CA certificate's PEM: " + e.getMessage());
        }
    }

    private static Path workDir(Map<String, String> values, Path defaultWorkDir) {
        String value = values.get("work-dir");
        return (value == null || value.isEmpty() ? defaultWorkDir : Path.of(value)).toAbsolutePath().normalize();
    }

    private static int httpPort(Map<String, String> values) throws SettingsException {
        String value = values.getOrDefault("http-port", "0");
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException("setting http-port must be a port from 0 (any free one) to 65535, was '" + abbreviate(value) + "'");
    }

    private static Duration heartbeatInterval(Map<String, String> values, String key, Duration defaultInterval) throws SettingsException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return defaultInterval;
        }
        Duration interval;
        try {
            interval = value.matches("[-+]?[Pp].*")
                    ? Duration.parse(value)
                    : Duration.ofNanos(new java.math.BigDecimal(value).movePointRight(9).longValueExact());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new SettingsException("setting " + key + " must be seconds (10, 0.5) or ISO-8601 (PT10S), was '"
                    + abbreviate(value) + "'");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new SettingsException("setting " + key + " must be positive, was '" + value + "'");
        }
        return interval;
    }

    private static ServiceType type(Map<String, String> values) throws SettingsException {
        String value = values.get("type");
        return value == null || value.isEmpty() ? ServiceType.GENERIC : ServiceType.of(value);
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
