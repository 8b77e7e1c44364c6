package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

@Command(name = "versions", description = "List the code versions a service keeps; * marks the one its nodes run.")
class ServiceVersionsCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
    String app;
    @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = "the service, after its application when --app is not given")
    List<String> words;
    private final CpsConfig config;

    ServiceVersionsCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        Director director = new Director(config);
        JsonNode service = director.get(ServicePath.of(director, ServiceTarget.of(spec, app, words, 0)));
        if (output.structured()) {
            output.print(spec.commandLine().getOut(), service.path("codeVersions"));
            return;
        }
        int enabled = service.path("release").path("codeVersion").asInt(service.path("codeVersion").asInt());
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode v : service.path("codeVersions")) {
            ObjectNode row = v.deepCopy();
            row.put("runs", v.path("version").asInt() == enabled ? "*" : "");
            row.put("refused", v.path("refusal").isNull() ? "" : v.path("refusal").asText());
            rows.add(row);
        }
        OutputOptions.table(spec.commandLine().getOut(), rows, "runs", "version", "size", "uploadedAt", "sha256", "refused");
    }
}
