package org.conpaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;

@Command(name = "weight", description = "Give a php or java node a load-balancer weight (1 to 100, default 1): [APP] NAME NODE WEIGHT.")
class ServiceWeightCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
    String app;
    @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME NODE WEIGHT", arity = "3..4",
            description = "the service, after its application when --app is not given, then the node's id (cps service show) and its weight")
    List<String> words;
    private final CpsConfig config;

    ServiceWeightCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 2);
        if (target.rest().size() != 2) {
            throw new ParameterException(spec.commandLine(), "give the node's id and its weight after the service");
        }
        int weight;
        try {
            weight = Integer.parseInt(target.rest().get(1));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "'" + target.rest().get(1) + "' is not a weight (1 to 100)");
        }
        if (weight < 1 || weight > 100) {
            throw new ParameterException(spec.commandLine(), "a weight is 1 to 100, not " + weight);
        }
        Director director = new Director(config);
        String node = target.rest().get(0);
        String path = ServicePath.of(director, target);
        for (var n : director.get(path).path("nodes")) {
            if (n.path("id").asText().startsWith(node) && !node.isEmpty()) {
                node = n.path("id").asText();
                break;
            }
        }
        director.put(path + "/nodes/" + node + "/weight", Map.of("weight", weight));
        spec.commandLine().getOut().println("node " + node + " weighs " + weight + " in the load balancer");
    }
}
