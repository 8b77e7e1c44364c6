package org.conpaas.app.service;

import org.conpaas.app.application.ApplicationAccess;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.stereotype.Component;

/** Who may see what: the owner (or an administrator); anything else answers 404, as if it did not exist. */
@Component
class ServiceAccess {

    private final ApplicationAccess applications;
    private final ServiceQueries services;

    ServiceAccess(ApplicationAccess applications, ServiceQueries services) {
        this.applications = applications;
        this.services = services;
    }

    ApplicationView application(String app, CurrentUser caller) {
        return applications.visible(app, caller);
    }

    ServiceView service(String app, String svc, CurrentUser caller) {
        application(app, caller);
        return services.find(ApplicationId.of(app), ServiceId.of(svc))
                .orElseThrow(() -> ApiException.notFound("no service " + abbreviate(svc) + " in this application"));
    }

    /** The service a node of it asks about (its certificate names the service and application). */
    ServiceView serviceOfNode(String app, String svc, org.conpaas.kit.security.CurrentNode node) {
        if (!node.serviceId().value().equals(svc) || !node.applicationId().value().equals(app)) {
            throw ApiException.forbidden("a node may only fetch its own service's code");
        }
        return services.find(ApplicationId.of(app), ServiceId.of(svc))
                .orElseThrow(() -> ApiException.notFound("no service " + abbreviate(svc) + " in this application"));
    }

    static String abbreviate(String id) {
        return ApplicationAccess.abbreviate(id);
    }
}
