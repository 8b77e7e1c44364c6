package org.conpaas.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentSettingsTest {

    private static final TestCa CA = new TestCa();

    /** The lines NodeBootstrap.settings() writes, in its order. */
    private static Map<String, String> bootstrap() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("director-url", "https://conpaas.example.org/");
        settings.put("enrollment-token", "q8V-token");
        settings.put("node-id", "node-7");
        settings.put("service-id", "svc-3");
        settings.put("application-id", "9c2e7d41-0b1f-4d2e-9a51-3f1c2b7e8d90");
        settings.put("role", "agent");
        settings.put("vpn-address", "10.8.0.7");
        settings.put("ca-certificate", Base64.getEncoder().encodeToString(CA.pem().getBytes(StandardCharsets.US_ASCII)));
        return settings;
    }

    private static Path write(Path directory, Map<String, String> settings) throws Exception {
        StringBuilder lines = new StringBuilder("# written by provisioning-service\n\n");
        settings.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        Path file = directory.resolve("node.properties");
        Files.writeString(file, lines);
        return file;
    }

    @Test
    void readsTheBootstrapSettingsWithDefaultsForTheAgentsOwn(@TempDir Path directory) throws Exception {
        AgentSettings settings = AgentSettings.load(write(directory, bootstrap()));

        assertEquals("https://conpaas.example.org", settings.directorUrl().toString());
        assertEquals("q8V-token", settings.enrollmentToken());
        assertEquals(new NodeIdentity("node-7", "svc-3", "9c2e7d41-0b1f-4d2e-9a51-3f1c2b7e8d90", "agent", Optional.of("10.8.0.7")),
                settings.identity());
        assertEquals(CA.certificate, settings.caCertificate().orElseThrow());
        assertEquals(directory.toAbsolutePath(), settings.workDir());
        assertEquals(0, settings.httpPort());
        assertEquals(Duration.ofSeconds(10), settings.heartbeatInterval());
        assertEquals(ServiceType.GENERIC, settings.type());
    }

    @Test
    void vpnAddressAndCaCertificateAreOptionalAndTheAgentsOwnKeysAreRead(@TempDir Path directory) throws Exception {
        Map<String, String> values = bootstrap();
        values.remove("vpn-address");
        values.remove("ca-certificate");
        values.put("work-dir", directory.resolve("work").toString());
        values.put("http-port", "8080");
        values.put("heartbeat-interval", "PT2.5S");
        values.put("type", "web");

        AgentSettings settings = AgentSettings.parse(values, directory);

        assertEquals(Optional.empty(), settings.identity().vpnAddress());
        assertEquals(Optional.empty(), settings.caCertificate());
        assertEquals(directory.resolve("work"), settings.workDir());
        assertEquals(8080, settings.httpPort());
        assertEquals(Duration.ofMillis(2500), settings.heartbeatInterval());
        assertEquals(ServiceType.WEB, settings.type());
    }

    @Test
    void withoutTheContainersSettingsTheCodeRunsAsTheAgentFromTheWorkDirAndOnlyTheWireGuardFileIsKept(@TempDir Path directory)
            throws Exception {
        AgentSettings settings = AgentSettings.parse(bootstrap(), directory);

        assertEquals(Optional.empty(), settings.serviceUser());
        assertEquals(directory.toAbsolutePath().resolve("code"), settings.codeDir());
        assertEquals(Optional.empty(), settings.wireGuardInterface());
        assertEquals(settings.heartbeatInterval(), settings.wireGuardInterval());
    }

    @Test
    void theContainersSettingsNameTheTenantItsHomeTheCodeAndTheWireGuardInterface(@TempDir Path directory) throws Exception {
        Map<String, String> values = bootstrap();
        values.put("service-user", "10002:10003");
        values.put("service-home", "/var/lib/conpaas/tenant");
        values.put("code-dir", "/var/lib/conpaas/code");
        values.put("wireguard-interface", "wg-conpaas");
        values.put("wireguard-interval", "2");

        AgentSettings settings = AgentSettings.parse(values, directory);

        assertEquals(Optional.of(new ServiceUser(10002, 10003, Path.of("/var/lib/conpaas/tenant"))), settings.serviceUser());
        assertEquals(List.of("setpriv", "--reuid=10002", "--regid=10003", "--clear-groups", "--inh-caps=-all", "--ambient-caps=-all",
                "--no-new-privs", "--", "sh", "start.sh"), settings.serviceUser().orElseThrow().wrap(List.of("sh", "start.sh")));
        assertEquals(Path.of("/var/lib/conpaas/code"), settings.codeDir());
        assertEquals(Optional.of("wg-conpaas"), settings.wireGuardInterface());
        assertEquals(Duration.ofSeconds(2), settings.wireGuardInterval());
        assertEquals(List.of(), AgentSettings.unknownKeys(values));
    }

    @ParameterizedTest
    @CsvSource({"15, PT15S", "0.25, PT0.25S", "PT1M, PT1M", "pt3s, PT3S"})
    void heartbeatIntervalIsSecondsOrIso8601(String value, Duration expected, @TempDir Path directory) throws Exception {
        Map<String, String> values = bootstrap();
        values.put("heartbeat-interval", value);
        assertEquals(expected, AgentSettings.parse(values, directory).heartbeatInterval());
    }

    @ParameterizedTest
    @ValueSource(strings = {"director-url", "enrollment-token", "node-id", "service-id", "application-id", "role"})
    void aMissingSettingIsNamed(String key, @TempDir Path directory) throws Exception {
        Map<String, String> values = bootstrap();
        values.remove(key);
        SettingsException e = assertThrows(SettingsException.class, () -> AgentSettings.load(write(directory, values)));
        assertEquals("setting " + key + " is missing (in " + directory.resolve("node.properties") + ")", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "director-url|http://conpaas.example.org|setting director-url must be an https:// URL",
            "director-url|https:///path|setting director-url must be an https:// URL",
            "node-id|node 7|setting node-id must be 1 to 64 letters",
            "service-id|../svc|setting service-id must be 1 to 64 letters",
            "role|admin|setting role must be agent or manager",
            "vpn-address|vpn.example.org|setting vpn-address must be an IP address",
            "ca-certificate|not base64!|setting ca-certificate must be the Base64",
            "ca-certificate|aGVsbG8=|setting ca-certificate must be the Base64",
            "http-port|70000|setting http-port must be a port",
            "http-port|http|setting http-port must be a port",
            "heartbeat-interval|0|setting heartbeat-interval must be positive",
            "heartbeat-interval|-PT1S|setting heartbeat-interval must be positive",
            "heartbeat-interval|soon|setting heartbeat-interval must be seconds",
            "type|ruby|setting type must be generic, web, php, java or mysql",
            "web-roles|proxy,cache|setting web-roles must be a comma list of proxy, web and backend",
            "proxy-port|65536|setting proxy-port must be a port",
            "static-port|-1|setting static-port must be a port",
            "backend-port|http|setting backend-port must be a port",
            "sessions-port|1e3|setting sessions-port must be a port",
            "listen-address|any|setting listen-address must be an IPv4 address",
            "service-user|conpaas-tenant|setting service-user must be uid:gid (numbers)",
            "service-user|0:10002|setting service-user must not be root",
            "service-user|10002:10002|setting service-home (an absolute path the service's user owns) is required",
            "service-home|/var/lib/conpaas/tenant|setting service-home needs service-user",
            "wireguard-interface|wg conpaas|setting wireguard-interface must be an interface name",
            "wireguard-interface|wg-conpaas-much-too-long|setting wireguard-interface must be an interface name",
            "wireguard-interval|0|setting wireguard-interval must be positive"})
    void anInvalidSettingIsNamed(String key, String value, String message, @TempDir Path directory) {
        Map<String, String> values = bootstrap();
        values.put(key, value);
        SettingsException e = assertThrows(SettingsException.class, () -> AgentSettings.parse(values, directory));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void phpAndJavaNodesHaveEveryRoleAndFreePortsUnlessTold(@TempDir Path directory) throws Exception {
        Map<String, String> values = bootstrap();
        values.put("type", "php");
        AgentSettings settings = AgentSettings.parse(values, directory);
        assertEquals(ServiceType.PHP, settings.type());
        assertEquals(java.util.EnumSet.allOf(WebRole.class), settings.webRoles());
        assertEquals(new WebPorts(0, 0, 0, 0), settings.webPorts());
        assertEquals("0.0.0.0", settings.listenAddress());
        WebPorts picked = settings.webPorts().resolved();
        assertTrue(picked.proxy() > 0 && picked.web() > 0 && picked.backend() > 0 && picked.sessions() > 0, picked.toString());

        values.put("type", "JAVA");
        values.put("web-roles", " backend , web ");
        values.put("proxy-port", "8080");
        values.put("static-port", "8081");
        values.put("backend-port", "8082");
        values.put("sessions-port", "11211");
        values.put("listen-address", "10.213.0.5");
        settings = AgentSettings.parse(values, directory);
        assertEquals(ServiceType.JAVA, settings.type());
        assertEquals(java.util.EnumSet.of(WebRole.WEB, WebRole.BACKEND), settings.webRoles());
        assertEquals(new WebPorts(8080, 8081, 8082, 11211), settings.webPorts().resolved());
        assertEquals("10.213.0.5", settings.listenAddress());
        assertEquals(Map.of("web", 8081, "backend", 8082), settings.webPorts().of(settings.webRoles()));
        assertEquals(List.of("proxy", "sessions"), List.copyOf(settings.webPorts().of(java.util.EnumSet.of(WebRole.PROXY)).keySet()));
        assertEquals(List.of(), AgentSettings.unknownKeys(values));
    }

    @Test
    void aLineThatIsNotKeyValueIsRefused() {
        SettingsException e = assertThrows(SettingsException.class, () -> AgentSettings.lines(List.of("node-id=node-7", "garbage")));
        assertEquals("config line is not key=value: 'garbage'", e.getMessage());
    }

    @Test
    void valuesMayContainEqualsSignsAndUnknownKeysAreListed() throws Exception {
        Map<String, String> values = AgentSettings.lines(List.of("enrollment-token = abc==", "colour=blue"));
        assertEquals("abc==", values.get("enrollment-token"));
        assertEquals(List.of("colour"), AgentSettings.unknownKeys(values));
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path directory) {
        SettingsException e = assertThrows(SettingsException.class, () -> AgentSettings.load(directory.resolve("missing.properties")));
        assertTrue(e.getMessage().startsWith("cannot read config file " + directory.resolve("missing.properties")), e.getMessage());
    }

    @Test
    void codeUnpackingLimitsDefaultSmallAndAreRead() throws Exception {
        assertEquals(UnpackLimits.DEFAULT, AgentSettings.parse(bootstrap(), Path.of("/tmp")).unpackLimits());
        assertEquals(new UnpackLimits(256L << 20, 10_000), UnpackLimits.DEFAULT);
        Map<String, String> values = bootstrap();
        values.put("code-max-unpacked-size", "64MB");
        values.put("code-max-entries", "500");
        assertEquals(new UnpackLimits(64L << 20, 500), AgentSettings.parse(values, Path.of("/tmp")).unpackLimits());
        values.put("code-max-unpacked-size", "1048576");
        assertEquals(1L << 20, AgentSettings.parse(values, Path.of("/tmp")).unpackLimits().maxBytes());
        assertTrue(AgentSettings.unknownKeys(values).isEmpty());

        values.put("code-max-unpacked-size", "lots");
        assertEquals("setting code-max-unpacked-size must be a positive size such as 268435456, 256MB or 1GB, was 'lots'",
                assertThrows(SettingsException.class, () -> AgentSettings.parse(values, Path.of("/tmp"))).getMessage());
        values.put("code-max-unpacked-size", "1GB");
        values.put("code-max-entries", "0");
        assertEquals("setting code-max-entries must be a positive number, was '0'",
                assertThrows(SettingsException.class, () -> AgentSettings.parse(values, Path.of("/tmp"))).getMessage());
    }
}
