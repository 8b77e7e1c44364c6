package org.conpaas.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.conpaas.gateway.route.GatewayProperties;
import org.conpaas.gateway.web.Problems;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GET /api/openapi.json: the whole public API in one OpenAPI 3 document, merged from each
 * service's springdoc document ({@code /v3/api-docs} on its loopback port) and the gateway's own.
 * A merged document is kept for a few minutes; a service that does not answer gives a 503 naming it.
 */
@RestController
class ApiDocumentController {

    static final String PATH = "/api/openapi.json";
    /** Where springdoc serves the gateway's own endpoints (outside /api: not part of the routed API). */
    static final String OWN_PATH = "/openapi/gateway.json";
    private static final Duration KEPT = Duration.ofMinutes(5);

    private final GatewayProperties properties;
    private final OpenApiWebfluxResource own;
    private final ObjectMapper json;
    private final WebClient client;
    private final String version;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Kept> kept = new AtomicReference<>();

    private record Kept(byte[] body, Instant until) {
    }

    ApiDocumentController(GatewayProperties properties, OpenApiWebfluxResource own, ObjectMapper json, WebClient.Builder builder,
                          @Value("${conpaas.version:2.0.0-SNAPSHOT}") String version) {
        this.properties = properties;
        this.own = own;
        this.json = json;
        this.client = builder.build();
        this.version = version;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Void> document(ServerWebExchange exchange) {
        Kept now = kept.get();
        if (now != null && now.until().isAfter(clock.instant())) {
            return write(exchange, now.body());
        }
        Mono<ApiDocument.Part> gateway;
        try {
            gateway = own.openapiJson(exchange.getRequest(), OWN_PATH, Locale.ROOT).map(bytes -> new ApiDocument.Part("gateway", read(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Flux<ApiDocument.Part> services = Flux.fromIterable(properties.services().entrySet())
                .flatMapSequential(service -> client.get().uri(service.getValue().resolve("/v3/api-docs"))
                        .retrieve().bodyToMono(JsonNode.class)
                        .timeout(properties.healthTimeout().multipliedBy(5))
                        .map(document -> new ApiDocument.Part(service.getKey(), document))
                        .onErrorMap(e -> new ServiceUnreadable(service.getKey())));
        return Flux.concat(gateway, services).collectList()
                .map(parts -> {
                    ObjectNode merged = ApiDocument.merge(json, version, new ArrayList<>(parts));
                    try {
                        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
                        kept.set(new Kept(body, clock.instant().plus(KEPT)));
                        return body;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .flatMap(body -> write(exchange, body))
                .onErrorResume(ServiceUnreadable.class, e -> Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                        e.getMessage() + "; try again in a moment"));
    }

    private static Mono<Void> write(ServerWebExchange exchange, byte[] body) {
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }

    private JsonNode read(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ServiceUnreadable extends RuntimeException {
        ServiceUnreadable(String service) {
            super("the API description of " + service + "-service could not be read", null, false, false);
        }
    }
}
