package org.conpaas.gateway.health;

import org.conpaas.gateway.route.GatewayProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/platform/health: UP only when every service behind the gateway says UP. */
@RestController
class PlatformHealthController {

    private final GatewayProperties properties;
    private final WebClient client;

    PlatformHealthController(GatewayProperties properties, WebClient.Builder builder) {
        this.properties = properties;
        this.client = builder.build();
    }

    @GetMapping("/api/platform/health")
    Mono<ResponseEntity<Map<String, Object>>> health() {
        return Flux.fromIterable(properties.services().entrySet())
                .flatMapSequential(service -> status(service.getValue()).map(state -> Map.entry(service.getKey(), state)))
                .collectList()
                .map(states -> {
                    Map<String, String> services = new LinkedHashMap<>();
                    states.forEach(s -> services.put(s.getKey(), s.getValue()));
                    boolean up = services.values().stream().allMatch("UP"::equals);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", up ? "UP" : "DEGRADED");
                    body.put("services", services);
                    return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
                });
    }

    private Mono<String> status(URI base) {
        return client.get().uri(base.resolve("/actuator/health")).retrieve().bodyToMono(Map.class)
                .map(body -> String.valueOf(body.get("status")))
                .timeout(properties.healthTimeout())
                .onErrorReturn("DOWN");
    }
}
