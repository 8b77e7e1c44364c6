package org.conpaas.provisioning.database;

import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A mysql service's database, for its owner or an administrator:
 * {@code GET /api/apps/{app}/services/{svc}/mysql} says where each node answers and how the cluster
 * stands, and whether the {@code admin} account has a password; {@code PUT …/mysql/password}
 * sets that password (the 1.x {@code set_password}): a node of the cluster applies it within
 * seconds and the password is forgotten then.
 */
@RestController
class DatabaseController {

    /** Where a mysql service stands. */
    record Database(String account, boolean passwordSet, boolean passwordPending, Instant passwordSetAt, List<Node> nodes) {
    }

    record Node(String id, String state, String address, Boolean member, String localState, Integer clusterSize) {
    }

    record PasswordChange(String password) {
    }

    private final MysqlAccess access;
    private final DatabaseNodes nodes;
    private final DatabaseCredentials credentials;
    private final Clock clock = Clock.systemUTC();

    DatabaseController(MysqlAccess access, DatabaseNodes nodes, DatabaseCredentials credentials) {
        this.access = access;
        this.nodes = nodes;
        this.credentials = credentials;
    }

    @GetMapping("/api/apps/{app}/services/{svc}/mysql")
    Database database(@PathVariable String app, @PathVariable String svc, CurrentUser caller) {
        access.check(app, svc, caller);
        DatabaseCredentials.AdminState admin = credentials.adminState(svc);
        List<Node> list = nodes.aliveOf(svc).stream().map(n -> new Node(n.id(), n.state(),
                n.host() == null || n.port(DatabaseReport.MYSQL) == null ? null : n.host() + ":" + n.port(DatabaseReport.MYSQL),
                n.member(), n.localState(), n.clusterSize())).toList();
        return new Database("admin", admin.set(), admin.pending(), admin.setAt(), list);
    }

    @PutMapping("/api/apps/{app}/services/{svc}/mysql/password")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Database setPassword(@PathVariable String app, @PathVariable String svc, @RequestBody(required = false) PasswordChange change,
                         CurrentUser caller) {
        access.check(app, svc, caller);
        String password = change == null ? null : change.password();
        String problem = AdminPasswords.problem(password);
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        credentials.setAdminPassword(svc, password, clock.instant());
        return database(app, svc, caller);
    }
}
