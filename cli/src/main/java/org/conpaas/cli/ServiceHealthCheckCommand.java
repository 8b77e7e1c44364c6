package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;

@Command(name = "health-check", description = "Set the path a php or java service's backends must answer (2xx/3xx) before they take requests.")
class ServiceHealthCheckCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Mixin
    ServiceCommand.Waiting waiting;
    @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
    String app;
    @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME PATH", arity = "2..3", description = "the service, after its application when --app is not given, then the path (e.g. /health)")
    List<String> words;
    private final CpsConfig config;

    ServiceHealthCheckCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        if (target.rest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the path after the service, e.g. /health");
        }
        Director director = new Director(config);
        String path = ServicePath.of(director, target);
        JsonNode accepted = director.put(path + "/health-check", Map.of("path", target.rest().get(0)));
        ReleaseProgress.followUnlessNoWait(director, path, accepted, waiting, spec.commandLine().getOut());
    }
}
