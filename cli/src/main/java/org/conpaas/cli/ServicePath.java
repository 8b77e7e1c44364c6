package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The API path of the service a command names (its application and service by name or id). */
final class ServicePath {

    private ServicePath() {
    }

    static String of(Director director, ServiceTarget target) {
        String appId = director.application(target.app()).path("id").asText();
        String services = "/api/apps/" + appId + "/services";
        for (JsonNode s : director.get(services)) {
            if (s.path("id").asText().equals(target.service()) || s.path("name").asText().equals(target.service())) {
                return services + "/" + s.path("id").asText();
            }
        }
        throw new CliFailure("application " + target.app() + " has no service " + target.service()
                + " (cps service list --app " + target.app() + " shows them)");
    }
}
