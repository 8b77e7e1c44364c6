package org.conpaas.nutshell;

import java.util.List;

/** One ConPaaS service the nutshell runs: its module (whose jar it starts), port and database. */
record ServiceSpec(String name, String module, int port, String database) {

    /** Every service, the gateway last; service ports follow {@code base} (identity = base + 1, …). */
    static List<ServiceSpec> plan(int gatewayPort, int base, String dbPrefix) {
        return List.of(
                new ServiceSpec("identity", "identity-service", base + 1, dbPrefix + "identity"),
                new ServiceSpec("app", "app-service", base + 2, dbPrefix + "app"),
                new ServiceSpec("vpn", "vpn-service", base + 3, dbPrefix + "vpn"),
                new ServiceSpec("cert", "cert-service", base + 4, dbPrefix + "cert"),
                new ServiceSpec("provisioning", "provisioning-service", base + 5, dbPrefix + "provisioning"),
                new ServiceSpec("gateway", "gateway", gatewayPort, null));
    }

    boolean isGateway() {
        return database == null;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + port + "/actuator/health";
    }
}
