package org.conpaas.identity.sso;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.api.identity.UserView;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.ExternalIdentity;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.identity.user.api.LinkExternalIdentityCommand;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** An administrator links an existing (local) account to an external identity, so signing in there reaches it. */
@RestController
class ExternalIdentityController {

    record LinkRequest(String issuer, String subject) {
    }

    private final CommandGateway commands;
    private final UserQueries users;

    ExternalIdentityController(CommandGateway commands, UserQueries users) {
        this.commands = commands;
        this.users = users;
    }

    @GetMapping("/api/users/{id}/external-identities")
    List<ExternalIdentity> list(@PathVariable String id, CurrentUser caller) {
        if (!caller.isAdmin() && !caller.id().value().equals(id)) {
            throw ApiException.notFound("no user " + id);
        }
        existing(id);
        return users.externalIdentities(id);
    }

    @PostMapping("/api/users/{id}/external-identities")
    UserView link(@PathVariable String id, @RequestBody(required = false) LinkRequest request, CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("only administrators link external identities");
        }
        existing(id);
        if (request == null || request.issuer() == null || request.subject() == null) {
            throw ApiException.invalid("send {\"issuer\": \"<provider alias, e.g. contrail>\", \"subject\": \"<the user's "
                    + "subject there, e.g. the SAML NameID>\"}");
        }
        ExternalIdentity identity = new ExternalIdentity(request.issuer().strip(), request.subject().strip());
        users.credentialsByExternalIdentity(identity).filter(owner -> !owner.id().equals(id)).ifPresent(owner -> {
            throw ApiException.conflict("the external identity " + identity + " belongs to user '" + owner.username() + "' already");
        });
        try {
            commands.sendAndWait(new LinkExternalIdentityCommand(UserId.of(id), identity, caller.username()));
        } catch (DataIntegrityViolationException | CommandExecutionException takenMeanwhile) {
            throw ApiException.conflict("the external identity " + identity + " belongs to another user already");
        }
        return existing(id);
    }

    private UserView existing(String id) {
        return users.find(id).orElseThrow(() -> ApiException.notFound("no user " + id));
    }
}
