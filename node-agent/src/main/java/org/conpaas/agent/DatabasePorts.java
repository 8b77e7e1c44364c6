package org.conpaas.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports of a mysql node: {@code mysql-port} (clients), {@code galera-port} (group
 * communication), {@code ist-port} (incremental state transfer) and {@code sst-port} (full state
 * transfer, rsync). 0 means any free port, picked once when the agent starts and kept for its life.
 */
record DatabasePorts(int mysql, int galera, int ist, int sst) {

    static DatabasePorts from(Map<String, String> values) throws SettingsException {
        return new DatabasePorts(WebPorts.port(values, "mysql-port"), WebPorts.port(values, "galera-port"),
                WebPorts.port(values, "ist-port"), WebPorts.port(values, "sst-port"));
    }

    DatabasePorts resolved() {
        return new DatabasePorts(WebPorts.free(mysql), WebPorts.free(galera), WebPorts.free(ist), WebPorts.free(sst));
    }

    /** The heartbeat's {@code ports}. */
    Map<String, Integer> asMap() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("mysql", mysql);
        ports.put("galera", galera);
        ports.put("ist", ist);
        ports.put("sst", sst);
        return ports;
    }
}
