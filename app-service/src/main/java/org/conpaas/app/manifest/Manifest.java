package org.conpaas.app.manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An application as a manifest describes it (conpaas.yml): its services in order, each with its
 * type and, where given, its cloud, node counts, environment, health path, bindings and code (a
 * path only cps reads). What a manifest leaves out is left as it is.
 */
public record Manifest(String application, List<Service> services) {

    public Manifest {
        services = List.copyOf(services);
    }

    /**
     * A service: {@code nodes} null leaves the count alone; {@code environment} null leaves the
     * variables alone, else they are exactly these plus the {@code secrets} kept as they are.
     */
    public record Service(String name, String type, String cloud, Nodes nodes, Map<String, String> environment, Set<String> secrets,
                          String health, List<Binding> bindings, String code) {

        @Override
        public String toString() {
            // values may be secrets: never in a log line
            return "Manifest.Service[" + name + " (" + type + ")]";
        }
    }

    /** How many nodes: in all ({@code total}), or per web role for php and java ({@code byRole}: proxy, web, backend). */
    public record Nodes(Integer total, Map<String, Integer> byRole) {

        static Nodes of(int total) {
            return new Nodes(total, null);
        }
    }

    /** A mysql service of the same application to bind to; {@code database} null: the bound service's name. */
    public record Binding(String service, String database) {
    }
}
