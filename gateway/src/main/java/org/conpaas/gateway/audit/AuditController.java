package org.conpaas.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.conpaas.gateway.route.GatewayProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GET /api/audit: who did what, when, to which object — every service's share of the audit trail
 * (read from its event store, {@code /internal/audit}) merged newest first. A user reads what they
 * did; an administrator reads everyone's. Filters: {@code user} (an id), {@code app} (an
 * application id), {@code since} and {@code until} (ISO-8601 times), {@code limit} (1..500, default 100).
 * A service that does not answer is named in {@code unavailable}; the rest is still shown.
 */
@RestController
class AuditController {

    static final String PATH = "/api/audit";

    private final GatewayProperties properties;
    private final WebClient client;

    AuditController(GatewayProperties properties, WebClient.Builder builder) {
        this.properties = properties;
        this.client = builder.build();
    }

    @GetMapping(path = PATH, produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<Object>> audit(ServerWebExchange exchange, @RequestParam(required = false) String user, @RequestParam(required = false) String app,
                          @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                          @RequestParam(required = false, defaultValue = "100") int limit) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return Flux.fromIterable(properties.services().entrySet())
                .flatMap(service -> share(service.getKey(), service.getValue(), authorization, user, app, since, until, limit))
                .collectList()
                .map(shares -> {
                    List<JsonNode> entries = new ArrayList<>();
                    List<String> unavailable = new ArrayList<>();
                    for (Share share : shares) {
                        if (share.entries() == null) {
                            unavailable.add(share.service());
                        } else {
                            share.entries().forEach(entries::add);
                        }
                    }
                    entries.sort(Comparator.comparing((JsonNode e) -> e.path("at").asText()).reversed());
                    unavailable.sort(Comparator.naturalOrder());
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                            .<Object>body(new AuditPage(entries.subList(0, Math.min(limit, entries.size())), unavailable));
                })
                .onErrorResume(Refused.class, refused -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status, refused.detail);
                    problem.setTitle(refused.title);
                    return Mono.just(ResponseEntity.status(refused.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
                });
    }

    /** The merged page: the newest entries first, and the services whose share could not be read. */
    record AuditPage(List<JsonNode> entries, List<String> unavailable) {
    }

    private record Share(String service, ArrayNode entries) {
    }

    private Mono<Share> share(String name, URI base, String authorization, String user, String app, String since, String until, int limit) {
        URI uri = UriComponentsBuilder.fromUri(base.resolve("/internal/audit"))
                .queryParamIfPresent("user", java.util.Optional.ofNullable(user))
                .queryParamIfPresent("app", java.util.Optional.ofNullable(app))
                .queryParamIfPresent("since", java.util.Optional.ofNullable(since))
                .queryParamIfPresent("until", java.util.Optional.ofNullable(until))
                .queryParam("limit", limit)
                .encode().build().toUri();
        WebClient.RequestHeadersSpec<?> request = client.get().uri(uri);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.retrieve().bodyToMono(ArrayNode.class)
                .map(entries -> new Share(name, entries))
                .timeout(properties.healthTimeout().multipliedBy(5))
                .onErrorResume(WebClientResponseException.class, e -> e.getStatusCode().is4xxClientError()
                        ? Mono.error(new Refused(e, e.getResponseBodyAs(JsonNode.class)))
                        : Mono.just(new Share(name, null)))
                .onErrorResume(e -> !(e instanceof Refused), e -> Mono.just(new Share(name, null)));
    }

    /** A service refused the question (a bad filter, another user's trail): the caller gets its problem. */
    private static final class Refused extends RuntimeException {
        final HttpStatus status;
        final String title;
        final String detail;

        Refused(WebClientResponseException e, JsonNode answer) {
            super(null, null, false, false);
            JsonNode problem = answer == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : answer;
            this.status = HttpStatus.valueOf(e.getStatusCode().value());
            this.title = problem.path("title").asText(status.getReasonPhrase());
            this.detail = problem.path("detail").asText("the audit trail could not be read");
        }
    }
}
