package org.conpaas.app.deletion;

import org.conpaas.app.application.ApplicationAccess;
import org.conpaas.app.application.ApplicationQueries;
import org.conpaas.app.service.RemovalCascade;
import org.conpaas.app.service.ServiceQueries;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DELETE /api/apps/{id}: an application with no service goes at once (204). One with services is
 * marked DELETING and answered 202: its running services are stopped, every service removed, and
 * then the application deleted ({@link ApplicationDeletions}). {@code cascade=false} refuses with
 * 409, naming them, while any of its services runs.
 */
@RestController
class ApplicationDeletionController {

    private static final Set<String> AT_REST = Set.of("INIT", "STOPPED", "ERROR");

    private final ApplicationAccess access;
    private final ApplicationQueries applications;
    private final ServiceQueries services;
    private final ApplicationDeletions deletions;

    ApplicationDeletionController(ApplicationAccess access, ApplicationQueries applications, ServiceQueries services,
                                  ApplicationDeletions deletions) {
        this.access = access;
        this.applications = applications;
        this.services = services;
        this.deletions = deletions;
    }

    @DeleteMapping("/api/apps/{id}")
    ResponseEntity<ApplicationView> delete(@PathVariable String id, @RequestParam(name = "cascade", required = false) String cascade,
                                           CurrentUser caller) {
        ApplicationView app = access.visible(id, caller);
        ApplicationId appId = ApplicationId.of(app.id());
        if (!RemovalCascade.of(cascade)) {
            refuseWhileRunning(services.ofApplication(appId));
        }
        deletions.start(appId, "application deleted by " + caller.username());
        return applications.find(appId)
                .map(deleting -> ResponseEntity.accepted().body(deleting))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private static void refuseWhileRunning(List<ServiceView> of) {
        List<ServiceView> running = of.stream().filter(s -> !AT_REST.contains(s.state()) || !s.nodes().isEmpty()).toList();
        if (!running.isEmpty()) {
            throw ApiException.conflict("the application's services " + running.stream()
                    .map(s -> "'" + s.name() + "' (" + s.state() + ")").collect(Collectors.joining(", "))
                    + " still run; stop them first, or delete without cascade=false to stop and remove them in one go");
        }
    }
}
