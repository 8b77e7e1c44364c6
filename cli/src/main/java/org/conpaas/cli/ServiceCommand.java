package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cps service}: every command takes the service as {@code --app APP NAME} (the shape
 * scripts rely on) or as {@code APP NAME}. Start, add-nodes, remove-nodes and stop follow the
 * service until it settles unless {@code --no-wait}.
 */
@Command(name = "service", description = "Add services to an application, start, scale and stop them, upload their code.",
        subcommands = {ServiceVersionsCommand.class, ServiceEnableCommand.class, ServiceDownloadCommand.class, ServiceEnvCommand.class,
                ServiceHealthCheckCommand.class, ServiceAutoscaleCommand.class, ServiceWeightCommand.class,
                ServiceMysqlCommand.class, ServiceMysqlArchiveCommands.Restore.class, ServiceBindingCommands.Bind.class,
                ServiceBindingCommands.Unbind.class})
class ServiceCommand {

    private static final String APP = "the application (name or id)";
    private static final String TARGET = "the service (name or id), after its application when --app is not given";
    private static final String[] COLUMNS = {"name", "type", "state", "cloud", "id"};
    private static final String[] NODE_COLUMNS = {"id", "role", "webRoles", "weight", "state", "cloud", "address", "vpnAddress"};

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    ServiceCommand(CpsConfig config) {
        this.config = config;
    }

    /** How long operations are followed. */
    static class Waiting {
        @Option(names = "--no-wait", description = "return as soon as the director accepted the operation")
        boolean noWait;
        @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
                description = "stop waiting after this many seconds (default: ${DEFAULT-VALUE})")
        long timeoutSeconds;
    }

    @Command(name = "types", description = "The service types you can add (the same as cps catalog).")
    void types(@Mixin OutputOptions output) {
        output.print(out(), director().get("/api/catalog"), "type", "description", "image", "codeUpload");
    }

    @Command(name = "add", description = "Add a service of a catalogue type: --app APP --type TYPE [--name NAME], or APP TYPE.")
    void add(@Mixin OutputOptions output,
             @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)") String appOption,
             @Option(names = "--type", paramLabel = "TYPE", description = "a catalogue type (cps service types)") String typeOption,
             @Option(names = "--name", description = "default: the type") String name,
             @Option(names = "--cloud", description = "default: the deployment's default cloud") String cloud,
             @Parameters(hideParamSyntax = true, paramLabel = "[APP TYPE]", arity = "0..2", description = "the application and the type, when --app and --type are not given") List<String> words) {
        List<String> given = new ArrayList<>(words == null ? List.of() : words);
        String app = appOption != null ? appOption : given.isEmpty() ? null : given.remove(0);
        String type = typeOption != null ? typeOption : given.isEmpty() ? null : given.remove(0);
        if (app == null || type == null) {
            throw new ParameterException(spec.commandLine(), "name the application and the type: --app APP --type TYPE [--name NAME]");
        }
        if (!given.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unexpected " + String.join(" ", given));
        }
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
    void list(@Mixin OutputOptions output, @Option(names = "--app", paramLabel = "APP", description = APP) String appOption,
              @Parameters(paramLabel = "APP", arity = "0..1", description = "the application, when --app is not given") String appWord) {
        String app = appOption != null ? appOption : appWord;
        if (app == null) {
            throw new ParameterException(spec.commandLine(), "name the application: --app APP");
        }
        JsonNode application = director().application(app);
        JsonNode list = director().get(services(application.path("id").asText()));
        config.names().replaceApp(application.path("name").asText(), ServiceSummary.names(list));
        if (output.structured()) {
            output.print(out(), list);
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode service : list) {
            com.fasterxml.jackson.databind.node.ObjectNode row = service.deepCopy();
            rows.add(row.put("nodes", ServiceSummary.activeNodes(service)));
        }
        OutputOptions.table(out(), rows, "name", "type", "state", "nodes", "cloud", "id");
    }

    @Command(name = "show", description = "Show a service: state, nodes and history.")
    void show(@Mixin OutputOptions output, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
              @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = TARGET) List<String> words) {
        printService(output, director().get(path(ServiceTarget.of(spec, app, words, 0), "")));
    }

    @Command(name = "rename", description = "Rename a service: --app APP NAME NEW-NAME.")
    void rename(@Mixin OutputOptions output, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
                @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME NEW-NAME", arity = "2..3", description = TARGET + ", then its new name") List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        if (target.rest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the new name after the service's name");
        }
        output.print(out(), director().patch(path(target, ""), Map.of("name", target.rest().get(0))), COLUMNS);
    }

    @Command(name = "start", description = "Start a service with N nodes (the first is its manager) and follow it to RUNNING.")
    void start(@Mixin OutputOptions output, @Mixin Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
               @Option(names = "--nodes", defaultValue = "1", paramLabel = "N", description = "how many nodes (default: ${DEFAULT-VALUE})") int nodes,
               @Option(names = "--clouds", split = ",", paramLabel = "CLOUD[,CLOUD...]",
                       description = "spread the nodes over these clouds in turn (default: the service's cloud)") List<String> clouds,
               @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = TARGET) List<String> words) {
        if (nodes < 1) {
            throw new ParameterException(spec.commandLine(), "start with at least 1 node, not " + nodes);
        }
        operate(output, waiting, ServiceTarget.of(spec, app, words, 0), "/start", withClouds(Map.of("nodes", nodes), clouds), "RUNNING");
    }

    @Command(name = "add-nodes", description = "Add nodes to a running service: --app APP NAME --count N.")
    void addNodes(@Mixin OutputOptions output, @Mixin Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
                  @Option(names = "--count", paramLabel = "N", description = "how many (default 1)") Integer count,
                  @Option(names = "--clouds", split = ",", paramLabel = "CLOUD[,CLOUD...]",
                          description = "spread the new nodes over these clouds in turn (default: the service's cloud)") List<String> clouds,
                  @Option(names = "--role", paramLabel = "ROLE", description = "php and java: proxy, web or backend (default: backend)") String role,
                  @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME [N]", arity = "1..3", description = TARGET + "; then N instead of --count") List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        operate(output, waiting, target, "/nodes", withRole(withClouds(Map.of("count", target.count(spec, count)), clouds), role), "RUNNING");
    }

    @Command(name = "remove-nodes", description = "Remove agent nodes (newest first): --app APP NAME --count N.")
    void removeNodes(@Mixin OutputOptions output, @Mixin Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
                     @Option(names = "--count", paramLabel = "N", description = "how many (default 1)") Integer count,
                     @Option(names = "--role", paramLabel = "ROLE", description = "php and java: only nodes of this role (proxy, web or backend)") String role,
                     @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME [N]", arity = "1..3", description = TARGET + "; then N instead of --count") List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        operate(output, waiting, target, "/nodes/remove", withRole(Map.of("count", target.count(spec, count)), role), "RUNNING");
    }

    private static Map<String, Object> withRole(Map<String, Object> body, String role) {
        if (role == null) {
            return body;
        }
        Map<String, Object> withRole = new LinkedHashMap<>(body);
        withRole.put("role", role);
        return withRole;
    }

    @Command(name = "scale", description = "Set how many nodes a service runs (its manager included): adds or removes "
            + "the difference, or starts a stopped service with N nodes, and follows it to RUNNING.")
    void scale(@Mixin OutputOptions output, @Mixin Waiting waiting,
               @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)") String app,
               @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME N", arity = "2..3", description = "the service and its new node count") List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        if (target.rest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the number of nodes after the service's name: cps service scale APP NAME N");
        }
        int nodes = NodeCount.parse(spec, target.rest().get(0),
                " (a service keeps its manager); to release every node: cps service stop");
        JsonNode service = director().get(path(target, ""));
        String state = service.path("state").asText();
        int active = ServiceSummary.activeNodes(service);
        if (service.path("removing").asBoolean(false)) {
            throw new CliFailure(target.service() + " is being removed; it cannot be scaled");
        }
        if (state.equals("INIT") || state.equals("STOPPED")) {
            out().println("starting " + target.service() + " with " + nodes + (nodes == 1 ? " node" : " nodes"));
            operate(output, waiting, target, "/start", Map.of("nodes", nodes), "RUNNING");
        } else if (!state.equals("RUNNING")) {
            throw new CliFailure(target.service() + " is " + state + "; scale it when it is RUNNING (or STOPPED, to start it)");
        } else if (nodes == active) {
            out().println(target.service() + " runs " + nodes + (nodes == 1 ? " node" : " nodes") + " already");
            printService(output, service);
        } else if (nodes > active) {
            out().println("adding " + (nodes - active) + " to " + active + " nodes of " + target.service());
            operate(output, waiting, target, "/nodes", Map.of("count", nodes - active), "RUNNING");
        } else {
            out().println("removing " + (active - nodes) + " of " + active + " nodes of " + target.service());
            operate(output, waiting, target, "/nodes/remove", Map.of("count", active - nodes), "RUNNING");
        }
    }

    @Command(name = "stop", description = "Stop a service (every node is released) and follow it to STOPPED.")
    void stop(@Mixin OutputOptions output, @Mixin Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
              @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = TARGET) List<String> words) {
        operate(output, waiting, ServiceTarget.of(spec, app, words, 0), "/stop", null, "STOPPED");
    }

    @Command(name = "remove", description = "Remove a service; a running one is stopped first (--no-cascade refuses instead), "
            + "and the removal is followed until it is gone.")
    void remove(@Mixin Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
                @Option(names = "--no-cascade", description = "refuse while the service runs") boolean noCascade,
                @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = TARGET) List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 0);
        String path = path(target, "");
        JsonNode answer = director().delete(path + (noCascade ? "?cascade=false" : ""));
        if (answer != null && answer.path("removing").asBoolean(false)) {
            out().println("removing " + target.service() + ": stopping it first");
            if (waiting.noWait) {
                return;
            }
            out().flush();
            Director director = director();
            new RemovalProgress(() -> director.getIfFound(path).map(List::of), out(), Duration.ofSeconds(1))
                    .await("service " + target.service(), Duration.ofSeconds(waiting.timeoutSeconds));
        }
        out().println("removed " + target.service());
    }

    @Command(name = "upload", description = "Upload a new version of a web or generic service's code (zip or tar.gz).")
    void upload(@Mixin OutputOptions output, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
                @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME ARCHIVE", arity = "2..3", description = TARGET + ", then the zip or tar.gz to upload") List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        if (target.rest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the archive to upload after the service's name");
        }
        Path archive = Path.of(target.rest().get(0));
        if (!Files.isRegularFile(archive)) {
            throw new CliFailure("no file " + archive + ": give the zip or tar.gz to upload");
        }
        output.print(out(), director().upload(path(target, "/code"), archive), "version", "sha256", "size");
    }

    @Command(name = "logs", description = "The end of each node's log (as its agent last reported it); --follow streams every "
            + "node's new lines (the code's output, the agent's notes, the runtimes' access and error logs) until Ctrl-C.")
    void logs(@Mixin OutputOptions output, @Option(names = "--app", paramLabel = "APP", description = APP) String app,
              @Option(names = "--node", paramLabel = "ID", description = "only this node") String node,
              @Option(names = {"-f", "--follow"}, description = "stream new lines as they come") boolean follow,
              @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = TARGET) List<String> words) {
        String servicePath = path(ServiceTarget.of(spec, app, words, 0), "");
        if (follow) {
            director().follow(servicePath + "/logs", line -> {
                String from = line.path("node").asText();
                if (node == null || node.equals(from)) {
                    out().println(from.substring(0, Math.min(8, from.length())) + " " + line.path("source").asText() + " | "
                            + line.path("line").asText());
                    out().flush();
                }
            });
            return;
        }
        String serviceId = director().get(servicePath).path("id").asText();
        List<JsonNode> nodes = new ArrayList<>();
        for (JsonNode n : director().get("/api/nodes")) {
            if (serviceId.equals(n.path("serviceId").asText()) && (node == null || node.equals(n.path("id").asText()))) {
                nodes.add(n);
            }
        }
        if (node != null && nodes.isEmpty()) {
            throw new CliFailure("the service has no node " + node + " (cps service show lists its nodes)");
        }
        if (output.structured()) {
            output.print(out(), Director.JSON.valueToTree(nodes));
            return;
        }
        for (JsonNode n : nodes) {
            out().println("== " + n.path("id").asText() + " (" + n.path("role").asText() + ", " + n.path("state").asText() + ") ==");
            String tail = n.path("logTail").asText("");
            out().println(tail.isEmpty() ? "(no log reported yet)" : tail.stripTrailing());
        }
    }

    private void operate(OutputOptions output, Waiting waiting, ServiceTarget target, String action, Object body, String awaited) {
        String path = path(target, "");
        ServiceProgress progress = new ServiceProgress(() -> director().get(path), out(),
                output.format == OutputOptions.Format.table, Duration.ofSeconds(1));
        if (!waiting.noWait) {
            progress.before(director().get(path));
        }
        JsonNode accepted = director().post(path + action, body);
        if (waiting.noWait) {
            output.print(out(), accepted, COLUMNS);
            return;
        }
        printService(output, progress.await(awaited, Duration.ofSeconds(waiting.timeoutSeconds)));
    }

    private static Map<String, Object> withClouds(Map<String, Object> body, List<String> clouds) {
        if (clouds == null || clouds.isEmpty()) {
            return body;
        }
        Map<String, Object> spread = new LinkedHashMap<>(body);
        spread.put("clouds", clouds);
        return spread;
    }

    private void printService(OutputOptions output, JsonNode service) {
        if (output.structured()) {
            output.print(out(), service);
            return;
        }
        output.print(out(), service, "name", "type", "state", "stateSince", "cloud", "codeVersion", "id");
        if (service.hasNonNull("url")) {
            out().println("url: " + service.path("url").asText());
        }
        JsonNode release = service.path("release");
        if (!release.isMissingNode() && !release.isNull()) {
            out().println("release " + release.path("number").asInt() + ": code version " + release.path("codeVersion").asInt() + ", "
                    + release.path("state").asText("") + (release.hasNonNull("detail") ? " (" + release.path("detail").asText() + ")" : ""));
        }
        for (JsonNode binding : service.path("bindings")) {
            out().println("bound to mysql service " + binding.path("serviceName").asText() + " (database "
                    + binding.path("database").asText() + ")");
        }
        JsonNode scaling = service.path("autoscaling");
        if (scaling.path("on").asBoolean()) {
            out().println("autoscaling: p95 target " + scaling.path("targetResponseMs").asInt() + " ms, " + scaling.path("min").asInt()
                    + " to " + scaling.path("max").asInt() + " backends; last p95 "
                    + (scaling.hasNonNull("lastP95Ms") ? Math.round(scaling.path("lastP95Ms").asDouble()) + " ms" : "-"));
        }
        out().println();
        OutputOptions.table(out(), list(service.path("nodes")), NODE_COLUMNS);
        out().println();
        OutputOptions.table(out(), list(service.path("history")), "at", "from", "to", "reason");
    }

    private String path(ServiceTarget target, String rest) {
        String appId = appId(target.app());
        for (JsonNode s : director().get(services(appId))) {
            if (s.path("id").asText().equals(target.service()) || s.path("name").asText().equals(target.service())) {
                return services(appId) + "/" + s.path("id").asText() + rest;
            }
        }
        throw new CliFailure("application " + target.app() + " has no service " + target.service()
                + " (cps service list --app " + target.app() + " shows them)");
    }

    private String appId(String app) {
        return director().application(app).path("id").asText();
    }

    private static String services(String appId) {
        return "/api/apps/" + appId + "/services";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
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
