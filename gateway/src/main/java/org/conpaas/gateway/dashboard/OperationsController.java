package org.conpaas.gateway.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/platform/events (administrators): the event stream as operators watch it — whether
 * the gateway is connected to the broker, events per minute over the last hour, counts per
 * type, the latest events and failures, all since this gateway started.
 */
@RestController
class OperationsController {

    static final String PATH = "/api/platform/events";

    private final EventFeed feed;

    OperationsController(EventFeed feed) {
        this.feed = feed;
    }

    @GetMapping(PATH)
    ResponseEntity<Object> events(@AuthenticationPrincipal Jwt token) {
        if (token == null || !Viewer.isAdmin(token)) {
            return DashboardProblems.problem(HttpStatus.FORBIDDEN, "only administrators watch the platform's events", PATH);
        }
        EventStatistics statistics = feed.statistics();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", feed.enabled());
        body.put("connected", feed.connected());
        body.put("since", statistics.since());
        body.put("perMinute", statistics.perMinute());
        body.put("byType", statistics.byType());
        body.put("recent", summaries(statistics.recent(50)));
        body.put("failures", summaries(statistics.failures(50)));
        return ResponseEntity.ok(body);
    }

    private static List<Map<String, Object>> summaries(List<PlatformEvent> events) {
        return events.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("type", e.type());
            m.put("occurredAt", e.occurredAt());
            m.put("ownerId", e.ownerId());
            m.put("applicationId", e.applicationId());
            m.put("body", e.body());
            return m;
        }).toList();
    }
}
