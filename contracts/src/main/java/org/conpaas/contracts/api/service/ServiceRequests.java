package org.conpaas.contracts.api.service;

/** Bodies of the service calls. */
public final class ServiceRequests {

    /** POST /api/apps/{app}/services: type from the catalogue, optional name and cloud. */
    public record AddService(String type, String name, String cloud) {
    }

    /** PATCH /api/apps/{app}/services/{svc} */
    public record RenameService(String name) {
    }

    /** POST …/start */
    public record StartService(Integer nodes) {
    }

    /** POST …/nodes (add) and …/nodes/remove */
    public record ScaleService(Integer count) {
    }

    private ServiceRequests() {
    }
}
