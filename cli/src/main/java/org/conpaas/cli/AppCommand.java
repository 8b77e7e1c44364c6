package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Command(name = "app", description = "Create, list, show, rename, export and delete your applications.",
        subcommands = AppExportCommand.class)
class AppCommand {

    private static final String[] COLUMNS = {"name", "state", "createdAt", "id"};
    private static final Duration NETWORK_WAIT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    AppCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "create", description = "Create an application.")
    void create(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME", description = "a name unique among your applications") String name) {
        output.print(spec.commandLine().getOut(), director().post("/api/apps", Map.of("name", name)), COLUMNS);
    }

    @Command(name = "list", description = "List your applications with their state and each service's state and node count.")
    void list(@Mixin OutputOptions output) {
        Director director = director();
        JsonNode applications = director.get("/api/apps");
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (JsonNode application : applications) {
            JsonNode services = director.getIfFound("/api/apps/" + application.path("id").asText() + "/services")
                    .orElse(Director.JSON.createArrayNode());
            names.put(application.path("name").asText(), ServiceSummary.names(services));
            ((ObjectNode) application).set("services", services);
        }
        config.names().replaceAll(names);
        if (output.structured()) {
            output.print(spec.commandLine().getOut(), applications);
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode application : applications) {
            ObjectNode row = application.deepCopy();
            row.put("services", ServiceSummary.line(application.path("services")));
            rows.add(row);
        }
        OutputOptions.table(spec.commandLine().getOut(), rows, "name", "state", "services", "createdAt", "id");
    }

    @Command(name = "show", description = "Show an application and its network.")
    void show(@Mixin OutputOptions output, @Parameters(paramLabel = "APP", description = "name or id") String app) {
        JsonNode application = find(app);
        Optional<JsonNode> network = network(application.path("id").asText());
        JsonNode services = director().getIfFound("/api/apps/" + application.path("id").asText() + "/services")
                .orElse(Director.JSON.createArrayNode());
        config.names().replaceApp(application.path("name").asText(), ServiceSummary.names(services));
        if (output.structured()) {
            ((ObjectNode) application).set("network", network.orElse(NullNode.getInstance()));
            ((ObjectNode) application).set("services", services);
            output.print(spec.commandLine().getOut(), application);
            return;
        }
        output.print(spec.commandLine().getOut(), application, COLUMNS);
        spec.commandLine().getOut().println();
        List<JsonNode> serviceRows = new ArrayList<>();
        for (JsonNode service : services) {
            ObjectNode row = service.deepCopy();
            serviceRows.add(row.put("nodes", ServiceSummary.activeNodes(service)));
        }
        if (!serviceRows.isEmpty()) {
            OutputOptions.table(spec.commandLine().getOut(), serviceRows, "name", "type", "state", "nodes", "cloud");
            spec.commandLine().getOut().println();
        }
        if (network.isEmpty()) {
            spec.commandLine().getOut().println("network: being allocated (it follows the application's creation within "
                    + "moments; ask again shortly)");
            return;
        }
        OutputOptions.table(spec.commandLine().getOut(), java.util.List.of(network.get()),
                "network", "servicesPerApplication", "agentsPerService");
    }

    /**
     * The application's network. vpn-service allocates it moments after the application is created
     * (when app.created reaches it), so a show right after a create waits for it a little before
     * saying it is still being allocated.
     */
    private Optional<JsonNode> network(String applicationId) {
        Director director = director();
        long until = System.nanoTime() + NETWORK_WAIT.toNanos();
        while (true) {
            Optional<JsonNode> network = director.getIfFound("/api/apps/" + applicationId + "/network");
            if (network.isPresent() || System.nanoTime() > until) {
                return network;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure("interrupted");
            }
        }
    }

    @Command(name = "rename", description = "Rename an application.")
    void rename(@Mixin OutputOptions output, @Parameters(paramLabel = "APP", description = "name or id") String app,
                @Parameters(paramLabel = "NEW-NAME", description = "its new name") String name) {
        String id = find(app).path("id").asText();
        output.print(spec.commandLine().getOut(), director().patch("/api/apps/" + id, Map.of("name", name)), COLUMNS);
    }

    @Command(name = "delete", description = "Delete an application: its running services are stopped and removed first "
            + "(--no-cascade refuses instead while any runs), and the removal is followed until the application is gone.")
    void delete(@Parameters(paramLabel = "APP", description = "name or id") String app,
                @Option(names = "--no-cascade", description = "refuse (naming them) while any of its services runs") boolean noCascade,
                @Mixin ServiceCommand.Waiting waiting) {
        JsonNode found = find(app);
        String id = found.path("id").asText();
        String name = found.path("name").asText();
        JsonNode answer = director().delete("/api/apps/" + id + (noCascade ? "?cascade=false" : ""));
        if (answer != null && "DELETING".equals(answer.path("state").asText())) {
            spec.commandLine().getOut().println("deleting " + name + ": stopping and removing its services first");
            if (waiting.noWait) {
                return;
            }
            spec.commandLine().getOut().flush();
            Director director = director();
            new RemovalProgress(() -> director.getIfFound("/api/apps/" + id).map(a -> {
                List<JsonNode> services = new ArrayList<>();
                director.getIfFound("/api/apps/" + id + "/services").ifPresent(list -> list.forEach(services::add));
                return services;
            }), spec.commandLine().getOut(), Duration.ofSeconds(1)).await("application " + name, Duration.ofSeconds(waiting.timeoutSeconds));
        }
        spec.commandLine().getOut().println("deleted " + name);
    }

    private JsonNode find(String app) {
        return director().application(app);
    }

    private Director director() {
        return new Director(config);
    }
}
