package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cps service env}: a service's environment variables; each change is a release rolled over the nodes. */
@Command(name = "env", description = "List, set and unset a service's environment variables (each change rolls over its nodes).")
class ServiceEnvCommand {

    private static final String TARGET = "the service, after its application when --app is not given";

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    ServiceEnvCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "list", description = "The variables; a secret's value is never shown.")
    void list(@Mixin OutputOptions output, @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)") String app,
              @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = TARGET) List<String> words) {
        Director director = new Director(config);
        JsonNode variables = director.get(ServicePath.of(director, ServiceTarget.of(spec, app, words, 0)) + "/environment");
        if (output.structured()) {
            output.print(out(), variables);
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode v : variables) {
            ObjectNode row = v.deepCopy();
            row.put("value", v.path("secret").asBoolean() ? "(secret)" : v.path("value").asText());
            rows.add(row);
        }
        OutputOptions.table(out(), rows, "name", "value");
    }

    @Command(name = "set", description = "Set variables: [APP] NAME VAR=VALUE...; --secret marks them secret (never shown back).")
    void set(@Mixin ServiceCommand.Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)") String app,
             @Option(names = "--secret", description = "these values are secrets") boolean secret,
             @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME VAR=VALUE...", arity = "2..*", description = TARGET + ", then VAR=VALUE pairs") List<String> words) {
        int head = app == null ? 2 : 1;
        ServiceTarget target = ServiceTarget.of(spec, app, words.subList(0, Math.min(head, words.size())), 0);
        Map<String, String> set = new LinkedHashMap<>();
        for (String pair : words.subList(Math.min(head, words.size()), words.size())) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new ParameterException(spec.commandLine(), "give variables as NAME=VALUE, not '" + (eq < 0 ? pair : "=…") + "'");
            }
            set.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (set.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one NAME=VALUE after the service");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("set", set);
        body.put("secret", secret ? List.copyOf(set.keySet()) : List.of());
        change(waiting, target, body);
    }

    @Command(name = "unset", description = "Remove variables: [APP] NAME VAR...")
    void unset(@Mixin ServiceCommand.Waiting waiting, @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)") String app,
               @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME VAR...", arity = "2..*", description = TARGET + ", then the variables") List<String> words) {
        int head = app == null ? 2 : 1;
        ServiceTarget target = ServiceTarget.of(spec, app, words.subList(0, Math.min(head, words.size())), 0);
        List<String> names = words.subList(Math.min(head, words.size()), words.size());
        if (names.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name at least one variable to unset after the service");
        }
        change(waiting, target, Map.of("unset", List.copyOf(names)));
    }

    private void change(ServiceCommand.Waiting waiting, ServiceTarget target, Map<String, Object> body) {
        Director director = new Director(config);
        String path = ServicePath.of(director, target);
        JsonNode accepted = director.patch(path + "/environment", body);
        ReleaseProgress.followUnlessNoWait(director, path, accepted, waiting, out());
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
