package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "autoscale", description = "Let a php or java service add and remove backends to keep its p95 response time near a target "
        + "(--target-response-ms MS [--min N] [--max N]), or stop that (--off).")
class ServiceAutoscaleCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
    String app;
    @Option(names = "--target-response-ms", paramLabel = "MS", description = "the p95 response time to keep under")
    Integer target;
    @Option(names = "--min", paramLabel = "N", description = "fewest backends (default 1)")
    Integer min;
    @Option(names = "--max", paramLabel = "N", description = "most backends (default 5)")
    Integer max;
    @Option(names = "--off", description = "turn autoscaling off")
    boolean off;
    @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = "the service, after its application when --app is not given")
    List<String> words;
    private final CpsConfig config;

    ServiceAutoscaleCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 0);
        if (off == (this.target != null)) {
            throw new ParameterException(spec.commandLine(), "give either --target-response-ms MS (with --min and --max) or --off");
        }
        if (off && (min != null || max != null)) {
            throw new ParameterException(spec.commandLine(), "--off takes no --min or --max");
        }
        Director director = new Director(config);
        String path = ServicePath.of(director, target) + "/autoscaling";
        JsonNode service;
        if (off) {
            service = director.delete(path);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("targetResponseMs", this.target);
            body.put("min", min == null ? 1 : min);
            body.put("max", max == null ? 5 : max);
            service = director.put(path, body);
        }
        JsonNode scaling = service.path("autoscaling");
        spec.commandLine().getOut().println(scaling.path("on").asBoolean()
                ? "autoscaling on: p95 target " + scaling.path("targetResponseMs").asInt() + " ms, " + scaling.path("min").asInt() + " to "
                + scaling.path("max").asInt() + " backends"
                : "autoscaling off");
    }
}
