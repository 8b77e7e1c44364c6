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

    /** POST …/nodes (add; {@code clouds} as for start) and …/nodes/remove (count only) */
    public record ScaleService(Integer count, java.util.List<String> clouds) {

        public ScaleService(Integer count) {
            this(count, null);
        }
    }

    private ServiceRequests() {
    }
}
