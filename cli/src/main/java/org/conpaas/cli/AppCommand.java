package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Map;

@Command(name = "app", description = "Create, list, show, rename and delete your applications.")
class AppCommand {

    private static final String[] COLUMNS = {"name", "id", "createdAt"};

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    AppCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "create", description = "Create an application.")
    void create(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME") String name) {
        output.print(spec.commandLine().getOut(), director().post("/api/apps", Map.of("name", name)), COLUMNS);
    }

    @Command(name = "list", description = "List your applications.")
    void list(@Mixin OutputOptions output) {
        output.print(spec.commandLine().getOut(), director().get("/api/apps"), COLUMNS);
    }

    @Command(name = "show", description = "Show an application and its network.")
    void show(@Mixin OutputOptions output, @Parameters(paramLabel = "APP", description = "name or id") String app) {
        JsonNode application = find(app);
        JsonNode network = director().get("/api/apps/" + application.path("id").asText() + "/network");
        if (output.format == OutputOptions.Format.json) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) application).set("network", network);
            output.print(spec.commandLine().getOut(), application);
            return;
        }
        output.print(spec.commandLine().getOut(), application, COLUMNS);
        spec.commandLine().getOut().println();
        OutputOptions.table(spec.commandLine().getOut(), java.util.List.of(network),
                "network", "servicesPerApplication", "agentsPerService");
    }

    @Command(name = "rename", description = "Rename an application.")
    void rename(@Mixin OutputOptions output, @Parameters(paramLabel = "APP", description = "name or id") String app,
                @Parameters(paramLabel = "NEW-NAME") String name) {
        String id = find(app).path("id").asText();
        output.print(spec.commandLine().getOut(), director().patch("/api/apps/" + id, Map.of("name", name)), COLUMNS);
    }

    @Command(name = "delete", description = "Delete an application.")
    void delete(@Parameters(paramLabel = "APP", description = "name or id") String app) {
        JsonNode found = find(app);
        director().delete("/api/apps/" + found.path("id").asText());
        spec.commandLine().getOut().println("deleted " + found.path("name").asText());
    }

    private JsonNode find(String app) {
        return director().application(app);
    }

    private Director director() {
        return new Director(config);
    }
}
