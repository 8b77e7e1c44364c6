package org.conpaas.provisioning.database;

import java.util.Map;
import java.util.Set;

/**
 * What a mysql node's heartbeat adds: its ports ({@code mysql}, {@code galera}, {@code ist},
 * {@code sst}), whether its server is in the cluster's primary component, Galera's word for its
 * state, the cluster's size as it sees it, the last admin password it applied and the hash of the
 * bindings' accounts it last put in place.
 */
public record DatabaseReport(Map<String, Integer> ports, Boolean member, String localState, Integer clusterSize, Long passwordSerial,
                             String accountsHash) {

    static final String MYSQL = "mysql";
    static final String GALERA = "galera";
    private static final Set<String> PORT_NAMES = Set.of(MYSQL, GALERA, "ist", "sst");

    /** What is wrong with the report, null when nothing. */
    public String problem() {
        if (ports != null) {
            for (Map.Entry<String, Integer> port : ports.entrySet()) {
                if (!PORT_NAMES.contains(port.getKey())) {
                    return "database.ports names " + PORT_NAMES + ", not '" + clip(port.getKey(), 20) + "'";
                }
                if (port.getValue() == null || port.getValue() < 1024 || port.getValue() > 65535) {
                    return "database.ports." + port.getKey() + " must be 1024..65535";
                }
            }
        }
        if (localState != null && !localState.matches("[A-Za-z/ _-]{1,32}")) {
            return "database.localState must be Galera's word for the node's state";
        }
        if (clusterSize != null && (clusterSize < 0 || clusterSize > 10_000)) {
            return "database.clusterSize must be 0..10000";
        }
        if (passwordSerial != null && passwordSerial < 1) {
            return "database.passwordSerial must be 1 or more";
        }
        if (accountsHash != null && !accountsHash.matches("[0-9a-f]{64}")) {
            return "database.accountsHash must be 64 hexadecimal digits";
        }
        return null;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
