package org.conpaas.app.service;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.service.api.BindDatabaseCommand;
import org.conpaas.app.service.api.UnbindDatabaseCommand;
import org.conpaas.contracts.api.service.ServiceRequests;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceBinding;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bindings of a php or java service to a mysql service of the same application:
 * {@code PUT …/bindings/{db}} ({"database": NAME}, by default the web service's name) and
 * {@code DELETE …/bindings/{db}}. Each is a new release (202 with the service): provisioning makes
 * the binding's account and rolls the CONPAAS_MYSQL_* variables over the backends, or drops it.
 */
@RestController
@RequestMapping("/api/apps/{app}/services/{svc}/bindings/{db}")
class ServiceBindingController {

    private final ServiceAccess access;
    private final ServiceQueries services;
    private final CommandGateway commands;

    ServiceBindingController(ServiceAccess access, ServiceQueries services, CommandGateway commands) {
        this.access = access;
        this.services = services;
        this.commands = commands;
    }

    @PutMapping
    ResponseEntity<ServiceView> bind(@PathVariable String app, @PathVariable String svc, @PathVariable String db,
                                     @RequestBody(required = false) ServiceRequests.Bind request, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        ServiceView database = access.service(app, db, caller);
        if (!"mysql".equals(database.type())) {
            throw ApiException.invalid("service " + database.name() + " is a " + database.type() + " service: only mysql services can be bound");
        }
        if (database.removing()) {
            throw ApiException.conflict("service " + database.name() + " is being removed");
        }
        String name = request == null || request.database() == null ? Releases.defaultDatabase(service.name()) : request.database();
        String problem = Releases.problemWithDatabase(name);
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        commands.sendAndWait(new BindDatabaseCommand(ServiceId.of(service.id()),
                new ServiceBinding(ServiceId.of(database.id()), database.name(), name)));
        return accepted(service);
    }

    @DeleteMapping
    ResponseEntity<ServiceView> unbind(@PathVariable String app, @PathVariable String svc, @PathVariable String db, CurrentUser caller) {
        ServiceView service = access.service(app, svc, caller);
        ServiceView.BindingView binding = service.bindings().stream().filter(b -> b.serviceId().equals(db)).findFirst()
                .orElseThrow(() -> ApiException.notFound("service " + service.name() + " is not bound to that database service"));
        commands.sendAndWait(new UnbindDatabaseCommand(ServiceId.of(service.id()), ServiceId.of(binding.serviceId())));
        return accepted(service);
    }

    private ResponseEntity<ServiceView> accepted(ServiceView service) {
        return ResponseEntity.accepted().body(services.find(ApplicationId.of(service.applicationId()), ServiceId.of(service.id()))
                .orElse(service));
    }
}
