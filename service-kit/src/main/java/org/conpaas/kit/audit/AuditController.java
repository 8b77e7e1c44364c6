package org.conpaas.kit.audit;

import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * GET /internal/audit on the service's loopback port: its share of the audit trail, read by the
 * gateway's GET /api/audit, which merges every service's. A user reads what they did; an
 * administrator reads everyone's and may filter by user.
 */
@RestController
class AuditController {

    static final String PATH = "/internal/audit";

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping(PATH)
    List<AuditEntry> read(CurrentUser caller, @RequestParam(required = false) String user, @RequestParam(required = false) String app,
                          @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                          @RequestParam(required = false, defaultValue = "100") int limit) {
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + AuditQuery.MAX_LIMIT);
        }
        String actor = user;
        if (!caller.isAdmin()) {
            if (user != null && !user.equals(caller.id().value())) {
                throw ApiException.forbidden("you may read only what you did; an administrator reads everyone's");
            }
            actor = caller.id().value();
        }
        return trail.read(new AuditQuery(actor, app, time("since", since), time("until", until), limit));
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name + " must be a time such as 2026-12-07T09:00:00Z, not '" + value + "'");
        }
    }
}
