package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "service", description = "Add services to an application, start, scale and stop them, upload their code.")
class ServiceCommand {

    private static final String[] COLUMNS = {"name", "type", "state", "cloud", "id"};
    private static final String[] NODE_COLUMNS = {"id", "role", "state", "cloud", "address", "vpnAddress"};

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    ServiceCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "add", description = "Add a service of a catalogue type (cps catalog lists them).")
    void add(@Mixin OutputOptions output, @Parameters(paramLabel = "APP", description = "name or id") String app,
             @Parameters(paramLabel = "TYPE") String type,
             @Option(names = "--name", description = "default: the type") String name,
             @Option(names = "--cloud", description = "default: the deployment's default cloud") String cloud) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        if (name != null) {
            body.put("name", name);
        }
        if (cloud != null) {
            body.put("cloud", cloud);
        }
        output.print(out(), director().post(services(appId(app)), body), COLUMNS);
    }

    @Command(name = "list", description = "List an application's services.")
    void list(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app) {
        output.print(out(), director().get(services(appId(app))), COLUMNS);
    }

    @Command(name = "show", description = "Show a service: state, nodes and history.")
    void show(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app, @Parameters(paramLabel = "SERVICE") String svc) {
        JsonNode service = director().get(path(app, svc, ""));
        if (output.format == OutputOptions.Format.json) {
            output.print(out(), service);
            return;
        }
        output.print(out(), service, "name", "type", "state", "stateSince", "cloud", "codeVersion", "id");
        out().println();
        OutputOptions.table(out(), list(service.path("nodes")), NODE_COLUMNS);
        out().println();
        OutputOptions.table(out(), list(service.path("history")), "at", "from", "to", "reason");
    }

    @Command(name = "start", description = "Start a service with N nodes (the first is its manager).")
    void start(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app, @Parameters(paramLabel = "SERVICE") String svc,
               @Option(names = "--nodes", defaultValue = "1") int nodes) {
        output.print(out(), director().post(path(app, svc, "/start"), Map.of("nodes", nodes)), COLUMNS);
    }

    @Command(name = "add-nodes", description = "Add N nodes to a running service.")
    void addNodes(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app, @Parameters(paramLabel = "SERVICE") String svc,
                  @Parameters(paramLabel = "N", defaultValue = "1") int count) {
        output.print(out(), director().post(path(app, svc, "/nodes"), Map.of("count", count)), COLUMNS);
    }

    @Command(name = "remove-nodes", description = "Remove N agent nodes from a running service (newest first).")
    void removeNodes(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app,
                     @Parameters(paramLabel = "SERVICE") String svc, @Parameters(paramLabel = "N", defaultValue = "1") int count) {
        output.print(out(), director().post(path(app, svc, "/nodes/remove"), Map.of("count", count)), COLUMNS);
    }

    @Command(name = "stop", description = "Stop a service: every node is released.")
    void stop(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app, @Parameters(paramLabel = "SERVICE") String svc) {
        output.print(out(), director().post(path(app, svc, "/stop"), null), COLUMNS);
    }

    @Command(name = "remove", description = "Remove a stopped service.")
    void remove(@Parameters(paramLabel = "APP") String app, @Parameters(paramLabel = "SERVICE") String svc) {
        director().delete(path(app, svc, ""));
        out().println("removed " + svc);
    }

    @Command(name = "upload", description = "Upload a new version of a web or generic service's code (zip or tar.gz).")
    void upload(@Mixin OutputOptions output, @Parameters(paramLabel = "APP") String app, @Parameters(paramLabel = "SERVICE") String svc,
                @Parameters(paramLabel = "ARCHIVE") Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new CliFailure("no file " + archive + ": give the zip or tar.gz to upload");
        }
        output.print(out(), director().upload(path(app, svc, "/code"), archive), "version", "sha256", "size");
    }

    private String path(String app, String svc, String rest) {
        String appId = appId(app);
        for (JsonNode s : director().get(services(appId))) {
            if (s.path("id").asText().equals(svc) || s.path("name").asText().equals(svc)) {
                return services(appId) + "/" + s.path("id").asText() + rest;
            }
        }
        throw new CliFailure("application " + app + " has no service " + svc + " (cps service list " + app + " shows them)");
    }

    private String appId(String app) {
        for (JsonNode a : director().get("/api/apps")) {
            if (a.path("id").asText().equals(app) || a.path("name").asText().equals(app)) {
                return a.path("id").asText();
            }
        }
        throw new CliFailure("you have no application " + app + " (cps app list shows yours)");
    }

    private static String services(String appId) {
        return "/api/apps/" + appId + "/services";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private Director director() {
        return new Director(config);
    }
}
