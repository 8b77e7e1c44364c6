package org.conpaas.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.conpaas.gateway.route.GatewayProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /api/events: the integration events the caller may see, as server-sent events (event name
 * = event type, id = event id, data = the event's JSON), from the moment the stream opens; the
 * first is {@code stream.opened}. A comment line every {@code keep-alive} keeps proxies from
 * closing an idle stream; the stream ends when the caller's token expires (the browser
 * reconnects with a fresh one).
 */
@RestController
class EventStreamController {

    static final String PATH = "/api/events";

    private final EventFeed feed;
    private final EventStreamProperties properties;
    private final WebClient apps;

    EventStreamController(EventFeed feed, EventStreamProperties properties, GatewayProperties services, WebClient.Builder builder) {
        this.feed = feed;
        this.properties = properties;
        this.apps = builder.baseUrl(services.app().toString()).build();
    }

    @GetMapping(path = PATH, produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<Object>> events(@AuthenticationPrincipal Jwt token) {
        if (token == null) {
            return Mono.just(DashboardProblems.problem(HttpStatus.UNAUTHORIZED,
                    "the event stream needs a bearer token from POST /api/auth/login (a client certificate is not enough)", PATH));
        }
        if (!feed.enabled()) {
            return Mono.just(DashboardProblems.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "live events are turned off here (conpaas.gateway.events.enabled=false); reload the page to see changes", PATH));
        }
        return viewer(token)
                .map(viewer -> ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).<Object>body(stream(viewer)))
                .onErrorResume(e -> Mono.just(DashboardProblems.problem(HttpStatus.SERVICE_UNAVAILABLE,
                        "the app service is unavailable, so your event stream cannot be filtered; try again shortly", PATH)));
    }

    private Flux<ServerSentEvent<JsonNode>> stream(Viewer viewer) {
        Duration left = Duration.between(Instant.now(), viewer.tokenExpiresAt());
        Flux<ServerSentEvent<JsonNode>> events = feed.live().filter(viewer::maySee)
                .map(e -> ServerSentEvent.builder(e.body()).id(e.id()).event(e.type()).build());
        Flux<ServerSentEvent<JsonNode>> alive = Flux.interval(properties.keepAlive())
                .map(tick -> ServerSentEvent.<JsonNode>builder().comment("alive").build());
        JsonNode opened = JsonNodeFactory.instance.objectNode().put("admin", viewer.admin())
                .put("connected", feed.connected()).put("until", viewer.tokenExpiresAt().toString());
        return Flux.just(ServerSentEvent.builder(opened).event("stream.opened").build())
                .concatWith(Flux.merge(events, alive))
                .take(left.isNegative() ? Duration.ZERO : left)
                .takeUntilOther(feed.closing());
    }

    /** The caller, with the applications app-service says are theirs now (administrators see all: no need to ask). */
    private Mono<Viewer> viewer(Jwt token) {
        Instant expires = token.getExpiresAt() == null ? Instant.now().plus(Duration.ofMinutes(15)) : token.getExpiresAt();
        if (Viewer.isAdmin(token)) {
            return Mono.just(new Viewer(token.getSubject(), true, expires, List.of()));
        }
        return apps.get().uri("/api/apps").header(HttpHeaders.AUTHORIZATION, "Bearer " + token.getTokenValue())
                .retrieve().bodyToMono(JsonNode.class)
                .timeout(Duration.ofSeconds(10))
                .map(list -> {
                    List<String> ids = new ArrayList<>();
                    list.forEach(app -> ids.add(app.path("id").asText()));
                    return new Viewer(token.getSubject(), false, expires, ids);
                });
    }
}
