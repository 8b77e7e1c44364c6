package org.conpaas.app.service;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.catalog.ServiceCatalog;
import org.conpaas.app.service.api.*;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.service.CatalogEntry;
import org.conpaas.contracts.api.service.ServiceRequests;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.net.URI;
import java.util.List;

/**
 * /api/apps/{app}/services: the owner (or an administrator) adds, renames and removes services
 * and starts, scales and stops them. State changes happen asynchronously: the answer is the
 * service as it stands (202 for lifecycle requests); poll it, or watch {@code state}.
 */
@RestController
@RequestMapping("/api/apps/{app}/services")
class ServiceController {

    private final CommandGateway commands;
    private final ServiceAccess access;
    private final ServiceQueries services;
    private final ServiceCatalog catalog;
    private final ServiceLimits limits;

    ServiceController(CommandGateway commands, ServiceAccess access, ServiceQueries services,
                      ServiceCatalog catalog, ServiceLimits limits) {
        this.commands = commands;
        this.access = access;
        this.services = services;
        this.catalog = catalog;
        this.limits = limits;
    }

    @PostMapping
    ResponseEntity<ServiceView> add(@PathVariable String app, @RequestBody ServiceRequests.AddService request, CurrentUser caller) {
        ApplicationView application = application(app, caller);
        if (application.deleting()) {
            throw ApiException.conflict("the application is being deleted; no service can be added to it");
        }
        if (request == null) {
            throw ApiException.invalid("give the service type, e.g. {\"type\":\"generic\"} (GET /api/catalog lists them)");
        }
        CatalogEntry entry = catalog.runnable(request.type(), request.cloud());
        ApplicationId appId = ApplicationId.of(application.id());
        String name = ServiceName.of(request.name() == null ? entry.type() : request.name());
        if (services.nameTaken(appId, name)) {
            throw ApiException.conflict("the application has a service named '" + name + "' already; choose another name");
        }
        if (services.countOf(appId) >= limits.maxPerApplication()) {
            throw ApiException.conflict("the application has " + limits.maxPerApplication()
                    + " services, as many as its VPN network has subnets (VPN service bits); remove one first");
        }
        ServiceId id = ServiceId.random();
        String cloud = request.cloud() == null || request.cloud().isBlank() ? null : request.cloud().trim();
        commands.sendAndWait(new AddServiceCommand(id, appId, UserId.of(application.ownerId()), entry.type(), name, cloud));
        return ResponseEntity.created(URI.create("/api/apps/" + appId + "/services/" + id)).body(show(app, id.value(), caller));
    }

    @GetMapping
    List<ServiceView> list(@PathVariable String app, CurrentUser caller) {
        return services.ofApplication(ApplicationId.of(application(app, caller).id()));
    }

    @GetMapping("/{svc}")
    ServiceView show(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        return access.service(app, svc, caller);
    }

    @PatchMapping("/{svc}")
    ServiceView rename(@PathVariable String app, @PathVariable String svc, @RequestBody ServiceRequests.RenameService request,
                       CurrentUser caller) {
        ServiceView service = show(app, svc, caller);
        String name = ServiceName.of(request == null ? null : request.name());
        if (!name.equals(service.name())) {
            if (!ServiceProjection.key(name).equals(ServiceProjection.key(service.name()))
                    && services.nameTaken(ApplicationId.of(app), name)) {
                throw ApiException.conflict("the application has a service named '" + name + "' already; choose another name");
            }
            commands.sendAndWait(new RenameServiceCommand(ServiceId.of(service.id()), name));
        }
        return show(app, svc, caller);
    }

    /**
     * Removes the service: at once (204) when it holds no node; a running one is stopped first and
     * disappears when its last node is gone (202, {@code removing: true}); {@code cascade=false}
     * refuses a running one with 409 instead. A mysql service a web service is bound to is refused (409).
     */
    @DeleteMapping("/{svc}")
    ResponseEntity<ServiceView> remove(@PathVariable String app, @PathVariable String svc,
                                       @RequestParam(name = "cascade", required = false) String cascade, CurrentUser caller) {
        ServiceView service = show(app, svc, caller);
        List<String> bound = services.boundTo(ServiceId.of(service.id()));
        if (!bound.isEmpty()) {
            throw ApiException.conflict("service " + service.name() + " is bound to " + String.join(", ", bound)
                    + ": unbind it first (cps service unbind APP SERVICE " + service.name() + ")");
        }
        commands.sendAndWait(new RemoveServiceCommand(ServiceId.of(service.id()), RemovalCascade.of(cascade),
                "removed by " + caller.username()));
        return services.find(ApplicationId.of(service.applicationId()), ServiceId.of(service.id()))
                .map(removing -> ResponseEntity.accepted().body(removing))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/{svc}/start")
    ResponseEntity<ServiceView> start(@PathVariable String app, @PathVariable String svc,
                                      @RequestBody(required = false) ServiceRequests.StartService request, CurrentUser caller) {
        ServiceView service = show(app, svc, caller);
        int nodes = count(request == null || request.nodes() == null ? 1 : request.nodes(), "nodes");
        List<String> clouds = spread(service, request == null ? null : request.clouds());
        requireCredit(service);
        commands.sendAndWait(new StartServiceCommand(ServiceId.of(service.id()), nodes, clouds));
        return accepted(app, svc, caller);
    }

    @PostMapping("/{svc}/nodes")
    ResponseEntity<ServiceView> addNodes(@PathVariable String app, @PathVariable String svc,
                                         @RequestBody(required = false) ServiceRequests.ScaleService request, CurrentUser caller) {
        ServiceView service = show(app, svc, caller);
        int count = count(request == null || request.count() == null ? 1 : request.count(), "count");
        List<String> clouds = spread(service, request == null ? null : request.clouds());
        requireCredit(service);
        commands.sendAndWait(new AddNodesCommand(ServiceId.of(service.id()), count, clouds, request == null ? null : request.role(),
                null));
        return accepted(app, svc, caller);
    }

    @PostMapping("/{svc}/nodes/remove")
    ResponseEntity<ServiceView> removeNodes(@PathVariable String app, @PathVariable String svc,
                                            @RequestBody(required = false) ServiceRequests.ScaleService request, CurrentUser caller) {
        ServiceView service = show(app, svc, caller);
        int count = count(request == null || request.count() == null ? 1 : request.count(), "count");
        commands.sendAndWait(new RemoveNodesCommand(ServiceId.of(service.id()), count, request == null ? null : request.role(), null));
        return accepted(app, svc, caller);
    }

    @PostMapping("/{svc}/stop")
    ResponseEntity<ServiceView> stop(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        ServiceView service = show(app, svc, caller);
        commands.sendAndWait(new StopServiceCommand(ServiceId.of(service.id()), "stopped by " + caller.username()));
        return accepted(app, svc, caller);
    }

    private ResponseEntity<ServiceView> accepted(String app, String svc, CurrentUser caller) {
        return ResponseEntity.accepted().body(show(app, svc, caller));
    }

    private void requireCredit(ServiceView service) {
        services.creditOf(UserId.of(service.ownerId())).filter(balance -> balance <= 0).ifPresent(balance -> {
            throw ApiException.conflict("the owner has no credit left (" + balance + "); nodes cannot be started until an administrator adds credit");
        });
    }

    private int count(int n, String field) {
        if (n < 1 || n > limits.maxNodesPerRequest()) {
            throw ApiException.invalid(field + " must be between 1 and " + limits.maxNodesPerRequest() + ", was " + n);
        }
        return n;
    }

    private ApplicationView application(String app, CurrentUser caller) {
        return access.application(app, caller);
    }

    /**
     * The clouds a start or add-nodes spreads its nodes over, each checked able to run the
     * service's type (unknown cloud, missing image: 400 naming it); none given: the service's cloud.
     */
    private List<String> spread(ServiceView service, List<String> clouds) {
        if (clouds == null || clouds.isEmpty()) {
            return List.of();
        }
        if (clouds.size() > 16) {
            throw ApiException.invalid("name at most 16 clouds to spread the nodes over, not " + clouds.size());
        }
        List<String> checked = new java.util.ArrayList<>();
        for (String cloud : clouds) {
            if (cloud == null || cloud.isBlank()) {
                throw ApiException.invalid("clouds must be cloud names (GET /api/clouds lists them), not empty");
            }
            catalog.runnable(service.type(), cloud.trim());
            checked.add(cloud.trim());
        }
        return List.copyOf(checked);
    }
}
