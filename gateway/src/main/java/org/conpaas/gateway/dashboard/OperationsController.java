package org.conpaas.gateway.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/platform/events (administrators): the event stream as operators watch it — whether
 * the gateway is connected to the broker, events per minute over the last hour, counts per
 * type, the latest events and failures (all since this gateway started), and the services' event
 * queues with their dead-lettered messages (asked of the broker now).
 */
@RestController
class OperationsController {

    static final String PATH = "/api/platform/events";

    private final EventFeed feed;
    private final ConsumerQueues queues;

    OperationsController(EventFeed feed, ConsumerQueues queues) {
        this.feed = feed;
        this.queues = queues;
    }

    @GetMapping(PATH)
    Mono<ResponseEntity<Object>> events(@AuthenticationPrincipal Jwt token) {
        if (token == null || !Viewer.isAdmin(token)) {
            return Mono.just(DashboardProblems.problem(HttpStatus.FORBIDDEN, "only administrators watch the platform's events", PATH));
        }
        if (!feed.enabled() || !feed.connected()) {
            return Mono.just(ResponseEntity.ok(body(null)));
        }
        // passive declares block: off the event loop, and without them if the broker is slow or refuses
        return Mono.fromCallable(queues::states).subscribeOn(Schedulers.boundedElastic())
                .timeout(java.time.Duration.ofSeconds(5))
                .map(states -> ResponseEntity.ok(body(states)))
                .onErrorResume(e -> Mono.just(ResponseEntity.ok(body(null))));
    }

    private Object body(List<ConsumerQueues.QueueState> queueStates) {
        EventStatistics statistics = feed.statistics();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", feed.enabled());
        body.put("connected", feed.connected());
        body.put("since", statistics.since());
        body.put("perMinute", statistics.perMinute());
        body.put("byType", statistics.byType());
        body.put("recent", summaries(statistics.recent(50)));
        body.put("failures", summaries(statistics.failures(50)));
        body.put("queues", queueStates);
        return body;
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
