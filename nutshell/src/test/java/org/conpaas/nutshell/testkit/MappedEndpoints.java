package org.conpaas.nutshell.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.conpaas.nutshell.testkit.RunningNutshell.JSON;

/**
 * Every public endpoint of a running nutshell, read from the running processes themselves so that
 * a new endpoint cannot be left out of a test: each service's {@code /actuator/mappings}, the
 * gateway's own handlers, and the gateway's route list ({@code /actuator/gateway/routes}), which
 * says which service a path goes to. The gateway's actuator must expose {@code mappings} and
 * {@code gateway} on its loopback management port ({@link #SETTINGS}).
 */
public final class MappedEndpoints {

    /** What the nutshell must be started with for the gateway's routes and handlers to be readable. */
    public static final Map<String, String> SETTINGS = Map.of("management.endpoints.web.exposure.include", "health,info,mappings,gateway",
            // Spring Cloud Gateway's endpoint is off unless given access
            "management.endpoint.gateway.access", "read-only");

    private static final Pattern PATHS = Pattern.compile("Paths: \\[([^\\]]*)]");

    /** One endpoint: an HTTP method, a mapped path pattern ({@code /api/apps/{id}}) and who answers it. */
    public record Endpoint(String method, String pattern, String service) {
        @Override
        public String toString() {
            return method + " " + pattern + " (" + service + ")";
        }
    }

    /** A gateway route: the paths it takes, in its order, and the port of the service it forwards to. */
    public record Route(String id, int order, List<String> paths, int port) {
        boolean takes(String path) {
            return paths.stream().anyMatch(p -> path.matches(regex(p)));
        }
    }

    private final List<Endpoint> endpoints;
    private final List<Route> routes;
    private final RunningNutshell nutshell;

    private MappedEndpoints(RunningNutshell nutshell, List<Endpoint> endpoints, List<Route> routes) {
        this.nutshell = nutshell;
        this.endpoints = endpoints;
        this.routes = routes;
    }

    /** Reads them all; {@code adminToken} opens the services' mappings. */
    public static MappedEndpoints of(RunningNutshell nutshell, String adminToken) throws IOException, InterruptedException {
        HttpClient http = nutshell.http();
        Set<Endpoint> found = new LinkedHashSet<>();
        for (String service : RunningNutshell.SERVICES) {
            JsonNode mappings = get(http, "http://127.0.0.1:" + nutshell.servicePort(service) + "/actuator/mappings", adminToken);
            collect(mappings.findValues("dispatcherServlet"), service, found);
        }
        String gatewayManagement = "http://127.0.0.1:" + nutshell.servicePorts();
        collect(get(http, gatewayManagement + "/actuator/mappings", null).findValues("dispatcherHandlers"), "gateway", found);
        List<Route> routes = new ArrayList<>();
        for (JsonNode route : get(http, gatewayManagement + "/actuator/gateway/routes", null)) {
            Matcher paths = PATHS.matcher(route.path("predicate").asText());
            if (paths.find()) {
                routes.add(new Route(route.path("route_id").asText(), route.path("order").asInt(),
                        List.of(paths.group(1).split(",\\s*")), URI.create(route.path("uri").asText()).getPort()));
            }
        }
        routes.sort(Comparator.comparingInt(Route::order));
        return new MappedEndpoints(nutshell, List.copyOf(found), List.copyOf(routes));
    }

    public List<Endpoint> all() {
        return endpoints;
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * What is wrong between the services' endpoints and the gateway's routes: an endpoint no route
     * takes, or one the first matching route sends to another service, and a route path no
     * endpoint is behind.
     */
    public List<String> routingMismatches() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.service().equals("gateway")) {
                continue;
            }
            String path = e.pattern().replaceAll("\\{[^}]+}", "x1");
            Optional<Route> first = routes.stream().filter(r -> r.takes(path)).findFirst();
            int port = nutshell.servicePort(e.service());
            if (first.isEmpty()) {
                wrong.add(e + ": no gateway route takes " + path);
            } else if (first.get().port() != port) {
                wrong.add(e + ": the gateway sends " + path + " to route " + first.get().id() + " (port " + first.get().port() + ")");
            }
        }
        for (Route r : routes) {
            for (String p : r.paths()) {
                boolean served = endpoints.stream().filter(e -> !e.service().equals("gateway"))
                        .anyMatch(e -> e.pattern().replaceAll("\\{[^}]+}", "x1").matches(regex(p)));
                if (!served) {
                    wrong.add("route " + r.id() + " takes " + p + " but no endpoint of a service is behind it");
                }
            }
        }
        return wrong;
    }

    /** {@code dispatcherServlet} is a list of handlers; {@code dispatcherHandlers} names lists of them ({@code webHandler}). */
    private static void collect(List<JsonNode> handlerLists, String service, Set<Endpoint> into) {
        List<JsonNode> lists = new ArrayList<>();
        for (JsonNode node : handlerLists) {
            if (node.isArray()) {
                lists.add(node);
            } else {
                node.forEach(lists::add);
            }
        }
        for (JsonNode handlers : lists) {
            for (JsonNode handler : handlers) {
                JsonNode conditions = handler.path("details").path("requestMappingConditions");
                for (JsonNode pattern : conditions.path("patterns")) {
                    if (!pattern.asText().startsWith("/api/") && !pattern.asText().startsWith("/.well-known/")) {
                        continue;
                    }
                    for (JsonNode method : conditions.path("methods")) {
                        into.add(new Endpoint(method.asText(), pattern.asText(), service));
                    }
                }
            }
        }
    }

    private static JsonNode get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A gateway path pattern ({@code /api/apps/*}{@code /network}, {@code /api/ca/**}) as a regular expression. */
    static String regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("/**", i)) {
                regex.append("(/.*)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
