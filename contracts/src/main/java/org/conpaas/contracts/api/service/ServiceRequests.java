package org.conpaas.contracts.api.service;

/** Bodies of the service calls. */
public final class ServiceRequests {

    /** POST /api/apps/{app}/services: type from the catalogue, optional name and cloud. */
    public record AddService(String type, String name, String cloud) {
    }

    /** PATCH /api/apps/{app}/services/{svc} */
    public record RenameService(String name) {
    }

    /** POST …/start; {@code clouds}, optional, spreads the nodes over those clouds in turn. */
    public record StartService(Integer nodes, java.util.List<String> clouds) {

        public StartService(Integer nodes) {
            this(nodes, null);
        }
    }

    /**
     * POST …/nodes (add; {@code clouds} as for start) and …/nodes/remove (count only); {@code role}:
     * for php and java services, the web role (proxy, web, backend) of the nodes added or removed.
     */
    public record ScaleService(Integer count, java.util.List<String> clouds, String role) {

        public ScaleService(Integer count, java.util.List<String> clouds) {
            this(count, clouds, null);
        }

        public ScaleService(Integer count) {
            this(count, null);
        }
    }

    /** PATCH …/environment: variables to set (names in {@code secret} as secrets) and names to unset. */
    public record ChangeEnvironment(java.util.Map<String, String> set, java.util.List<String> secret, java.util.List<String> unset) {

        @Override
        public String toString() {
            return "ChangeEnvironment[set " + (set == null ? "[]" : set.keySet()) + ", unset " + unset + "]";
        }
    }

    /** PUT …/nodes/{node}/weight */
    public record NodeWeight(Integer weight) {
    }

    /** PUT …/autoscaling */
    public record Autoscaling(Integer targetResponseMs, Integer min, Integer max) {
    }

    /** PUT …/health-check */
    public record HealthCheck(String path) {
    }

    /** PUT …/bindings/{db}: binds a web service to a mysql service; {@code database} defaults to the web service's name. */
    public record Bind(String database) {
    }

    private ServiceRequests() {
    }
}
