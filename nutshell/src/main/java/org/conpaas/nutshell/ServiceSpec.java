package org.conpaas.nutshell;

import java.util.List;

/** One ConPaaS service the nutshell runs: its module (whose jar it starts), port and database. */
record ServiceSpec(String name, String module, int port, String database, int healthPort) {

    /** Every service, the gateway last; service ports follow {@code base} (identity = base + 1, …). */
    static List<ServiceSpec> plan(int gatewayPort, int base, String dbPrefix) {
        return List.of(
                new ServiceSpec("identity", "identity-service", base + 1, dbPrefix + "identity", base + 1),
                new ServiceSpec("app", "app-service", base + 2, dbPrefix + "app", base + 2),
                new ServiceSpec("vpn", "vpn-service", base + 3, dbPrefix + "vpn", base + 3),
                new ServiceSpec("cert", "cert-service", base + 4, dbPrefix + "cert", base + 4),
                new ServiceSpec("provisioning", "provisioning-service", base + 5, dbPrefix + "provisioning", base + 5),
                // the gateway serves HTTPS to clients; its health is on plain HTTP, loopback only, on the base port
                new ServiceSpec("gateway", "gateway", gatewayPort, null, base));
    }

    boolean isGateway() {
        return database == null;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + healthPort + "/actuator/health";
    }
}
