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

@Command(name = "enable", description = "Make a kept code version the one the nodes run (an older one: a rollback) and follow the rolling update.")
class ServiceEnableCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Mixin
    ServiceCommand.Waiting waiting;
    @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
    String app;
    @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME VERSION", arity = "2..3", description = "the service, after its application when --app is not given, then the code version")
    List<String> words;
    private final CpsConfig config;

    ServiceEnableCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        if (target.rest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the code version to enable after the service (cps service versions lists them)");
        }
        int version;
        try {
            version = Integer.parseInt(target.rest().get(0));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "'" + target.rest().get(0) + "' is not a code version number");
        }
        Director director = new Director(config);
        String path = ServicePath.of(director, target);
        JsonNode accepted = director.post(path + "/code/versions/" + version + "/enable", Map.of());
        ReleaseProgress.followUnlessNoWait(director, path, accepted, waiting, spec.commandLine().getOut());
    }
}
