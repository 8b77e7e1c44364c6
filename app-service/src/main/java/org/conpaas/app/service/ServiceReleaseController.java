package org.conpaas.app.service;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.service.api.ChangeEnvironmentCommand;
import org.conpaas.app.service.api.EnableCodeVersionCommand;
import org.conpaas.app.service.api.SetAutoscalingCommand;
import org.conpaas.app.service.api.SetHealthPathCommand;
import org.conpaas.contracts.api.service.ServiceRequests;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What a service's nodes run, each change a new release that provisioning rolls over the nodes:
 * {@code POST …/code/versions/{v}/enable} (an older version: a rollback), {@code PATCH …/environment},
 * {@code PUT …/health-check}; {@code GET …/environment} lists the variables, secrets without their value.
 * Each answers 202 with the service (its {@code release} says how the rollout goes). And
 * {@code PUT/DELETE …/autoscaling}: a php or java service's backends follow its response time (200).
 */
@RestController
@RequestMapping("/api/apps/{app}/services/{svc}")
class ServiceReleaseController {

    private final ServiceAccess access;
    private final ServiceQueries services;
    private final CommandGateway commands;
    private final ServiceLimits limits;

    ServiceReleaseController(ServiceAccess access, ServiceQueries services, CommandGateway commands, ServiceLimits limits) {
        this.access = access;
        this.services = services;
        this.commands = commands;
        this.limits = limits;
    }

    @PostMapping("/code/versions/{version}/enable")
    ResponseEntity<ServiceView> enable(@PathVariable String app, @PathVariable String svc, @PathVariable String version,
                                       CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        int wanted;
        try {
            wanted = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("the version must be a number, not '" + (version.length() > 20 ? version.substring(0, 20) + "…" : version) + "'");
        }
        commands.sendAndWait(new EnableCodeVersionCommand(ServiceId.of(service.id()), wanted, caller.username()));
        return accepted(service);
    }

    @GetMapping("/environment")
    List<ServiceView.VariableView> environment(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        return access.service(app, svc, caller).environment();
    }

    @PatchMapping("/environment")
    ResponseEntity<ServiceView> changeEnvironment(@PathVariable String app, @PathVariable String svc,
                                                  @RequestBody(required = false) ServiceRequests.ChangeEnvironment request, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        if (request == null || request.set() != null && request.set().entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)
                || request.secret() != null && request.secret().contains(null) || request.unset() != null && request.unset().contains(null)) {
            throw ApiException.invalid("send {\"set\": {\"NAME\": \"value\"}, \"secret\": [\"NAME\"], \"unset\": [\"OTHER\"]}"
                    + " with text values (no null)");
        }
        ChangeEnvironmentCommand change = new ChangeEnvironmentCommand(ServiceId.of(service.id()), request.set(), request.secret(),
                request.unset());
        String problem = Releases.problemWith(change);
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        commands.sendAndWait(change);
        return accepted(service);
    }

    @PutMapping("/health-check")
    ResponseEntity<ServiceView> healthCheck(@PathVariable String app, @PathVariable String svc,
                                            @RequestBody(required = false) ServiceRequests.HealthCheck request, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        String problem = Releases.problemWithHealthPath(request == null ? null : request.path());
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        commands.sendAndWait(new SetHealthPathCommand(ServiceId.of(service.id()), request.path()));
        return accepted(service);
    }

    @PutMapping("/autoscaling")
    ResponseEntity<ServiceView> autoscale(@PathVariable String app, @PathVariable String svc,
                                          @RequestBody(required = false) ServiceRequests.Autoscaling request, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        if (request == null || request.targetResponseMs() == null) {
            throw ApiException.invalid("send {\"targetResponseMs\": 200, \"min\": 1, \"max\": 5}");
        }
        int min = request.min() == null ? 1 : request.min();
        int max = request.max() == null ? Math.max(min, 5) : request.max();
        String problem = Autoscaling.problemWith(request.targetResponseMs(), min, max, limits.maxNodesPerRequest());
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        commands.sendAndWait(new SetAutoscalingCommand(ServiceId.of(service.id()), true, request.targetResponseMs(), min, max));
        return ResponseEntity.ok(services.find(ApplicationId.of(service.applicationId()), ServiceId.of(service.id())).orElse(service));
    }

    @PutMapping("/nodes/{node}/weight")
    ResponseEntity<ServiceView> weight(@PathVariable String app, @PathVariable String svc, @PathVariable String node,
                                       @RequestBody(required = false) ServiceRequests.NodeWeight request, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        if (request == null || request.weight() == null || request.weight() < 1 || request.weight() > 100) {
            throw ApiException.invalid("send {\"weight\": N} with N from 1 to 100");
        }
        if (service.nodes().stream().noneMatch(n -> n.id().equals(node))) {
            throw ApiException.notFound("the service has no node " + (node.length() > 40 ? node.substring(0, 40) + "…" : node));
        }
        commands.sendAndWait(new org.conpaas.app.service.api.SetNodeWeightCommand(ServiceId.of(service.id()),
                org.conpaas.contracts.id.NodeId.of(node), request.weight()));
        return ResponseEntity.ok(services.find(ApplicationId.of(service.applicationId()), ServiceId.of(service.id())).orElse(service));
    }

    @DeleteMapping("/autoscaling")
    ResponseEntity<ServiceView> autoscaleOff(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        commands.sendAndWait(new SetAutoscalingCommand(ServiceId.of(service.id()), false, 0, 0, 0));
        return ResponseEntity.ok(services.find(ApplicationId.of(service.applicationId()), ServiceId.of(service.id())).orElse(service));
    }

    private ResponseEntity<ServiceView> accepted(ServiceView service) {
        return ResponseEntity.accepted().body(services.find(ApplicationId.of(service.applicationId()), ServiceId.of(service.id()))
                .orElse(service));
    }
}
