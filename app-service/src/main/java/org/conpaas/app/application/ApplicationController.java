package org.conpaas.app.application;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.application.api.CreateApplicationCommand;
import org.conpaas.app.application.api.RenameApplicationCommand;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.application.CreateApplicationRequest;
import org.conpaas.contracts.api.application.RenameApplicationRequest;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * /api/apps: a user creates, lists and renames their own applications (deleting, which involves
 * their services, is {@code deletion.ApplicationDeletionController}); an administrator sees and
 * changes everyone's. Another user's application answers 404, as if it did not exist.
 */
@RestController
@RequestMapping("/api/apps")
class ApplicationController {

    private final CommandGateway commands;
    private final ApplicationQueries queries;
    private final ApplicationAccess access;
    private final ApplicationLimits limits;

    ApplicationController(CommandGateway commands, ApplicationQueries queries, ApplicationAccess access, ApplicationLimits limits) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.limits = limits;
    }

    @PostMapping
    ResponseEntity<ApplicationView> create(@RequestBody CreateApplicationRequest request, CurrentUser caller) {
        ApplicationName name = ApplicationName.of(request == null ? null : request.name());
        refuseTakenName(caller.id(), name);
        if (queries.countOwnedBy(caller.id()) >= limits.maxPerUser()) {
            throw ApiException.conflict("you have " + limits.maxPerUser() + " applications, as many as one account may hold; delete one first");
        }
        ApplicationId id = ApplicationId.random();
        commands.sendAndWait(new CreateApplicationCommand(id, caller.id(), name));
        ApplicationView view = queries.find(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/apps/" + id)).body(view);
    }

    @GetMapping
    List<ApplicationView> list(CurrentUser caller) {
        return caller.isAdmin() ? queries.all() : queries.ownedBy(caller.id());
    }

    @GetMapping("/{id}")
    ApplicationView show(@PathVariable String id, CurrentUser caller) {
        return visible(id, caller);
    }

    @PatchMapping("/{id}")
    ApplicationView rename(@PathVariable String id, @RequestBody RenameApplicationRequest request, CurrentUser caller) {
        ApplicationView app = visible(id, caller);
        ApplicationName name = ApplicationName.of(request == null ? null : request.name());
        if (!name.value().equals(app.name())) {
            if (!name.key().equals(ApplicationName.keyOf(app.name()))) {
                refuseTakenName(UserId.of(app.ownerId()), name);
            }
            commands.sendAndWait(new RenameApplicationCommand(ApplicationId.of(app.id()), name));
        }
        return queries.find(ApplicationId.of(app.id())).orElseThrow();
    }

    private ApplicationView visible(String id, CurrentUser caller) {
        return access.visible(id, caller);
    }

    private void refuseTakenName(UserId owner, ApplicationName name) {
        if (queries.nameTaken(owner, name)) {
            throw ApiException.conflict("an application named '" + name + "' exists already; choose another name");
        }
    }
}
