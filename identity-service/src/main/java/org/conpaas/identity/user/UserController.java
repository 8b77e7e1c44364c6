package org.conpaas.identity.user;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.api.identity.AddUserRequest;
import org.conpaas.contracts.api.identity.CreditRequest;
import org.conpaas.contracts.api.identity.UserView;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.api.AdjustCreditCommand;
import org.conpaas.identity.user.api.DisableUserCommand;
import org.conpaas.identity.user.api.EnableUserCommand;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** /api/me for everyone; /api/users for administrators (a user may read their own record). */
@RestController
class UserController {

    private final Registration registration;
    private final UserQueries queries;
    private final CommandGateway commands;
    private final CreditHistory creditHistory;

    UserController(Registration registration, UserQueries queries, CommandGateway commands, CreditHistory creditHistory) {
        this.registration = registration;
        this.queries = queries;
        this.commands = commands;
        this.creditHistory = creditHistory;
    }

    @GetMapping("/api/me")
    UserView me(CurrentUser caller) {
        return queries.find(caller.id().value())
                .orElseThrow(() -> ApiException.unauthorized("your account no longer exists: log in again"));
    }

    @PostMapping("/api/users")
    ResponseEntity<UserView> add(@RequestBody AddUserRequest request, CurrentUser caller) {
        requireAdmin(caller);
        if (request == null) {
            throw ApiException.invalid("send {\"username\":…,\"password\":…} (email, affiliation, role, credit optional)");
        }
        UserId id = registration.register(Username.of(request.username()), request.email(), request.affiliation(),
                request.password(), Role.parse(request.role()), request.credit());
        return ResponseEntity.created(URI.create("/api/users/" + id)).body(queries.find(id.value()).orElseThrow());
    }

    @GetMapping("/api/users")
    List<UserView> list(CurrentUser caller) {
        requireAdmin(caller);
        return queries.all();
    }

    @GetMapping("/api/users/{id}")
    UserView show(@PathVariable String id, CurrentUser caller) {
        if (!caller.isAdmin() && !caller.id().value().equals(id)) {
            throw ApiException.notFound("no user " + id);
        }
        return existing(id);
    }

    /** The user's credit changes, newest first (the user or an administrator). */
    @GetMapping("/api/users/{id}/credit-history")
    List<CreditHistory.CreditChange> creditHistory(@PathVariable String id, CurrentUser caller) {
        if (!caller.isAdmin() && !caller.id().value().equals(id)) {
            throw ApiException.notFound("no user " + id);
        }
        existing(id);
        return creditHistory.of(id);
    }

    @PostMapping("/api/users/{id}/credit")
    UserView credit(@PathVariable String id, @RequestBody CreditRequest request, CurrentUser caller) {
        requireAdmin(caller);
        existing(id);
        if (request == null || request.delta() == 0) {
            throw ApiException.invalid("send {\"delta\": <credit to add, negative to take>, \"reason\": …}; delta must not be 0");
        }
        try {
            commands.sendAndWait(new AdjustCreditCommand(UserId.of(id), request.delta(),
                    request.reason() == null ? "adjusted by " + caller.username() : request.reason()));
        } catch (IllegalStateException refused) {
            throw ApiException.conflict(refused.getMessage());
        }
        return existing(id);
    }

    @PostMapping("/api/users/{id}/disable")
    UserView disable(@PathVariable String id, CurrentUser caller) {
        requireAdmin(caller);
        existing(id);
        if (caller.id().value().equals(id)) {
            throw ApiException.conflict("you cannot disable your own account");
        }
        commands.sendAndWait(new DisableUserCommand(UserId.of(id), "disabled by " + caller.username()));
        return existing(id);
    }

    @PostMapping("/api/users/{id}/enable")
    UserView enable(@PathVariable String id, CurrentUser caller) {
        requireAdmin(caller);
        existing(id);
        commands.sendAndWait(new EnableUserCommand(UserId.of(id)));
        return existing(id);
    }

    private UserView existing(String id) {
        return queries.find(id).orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    private static void requireAdmin(CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("only administrators manage users");
        }
    }
}
