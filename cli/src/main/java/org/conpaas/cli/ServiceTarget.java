package org.conpaas.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;

/**
 * The application and service a command names, in either shape: {@code --app APP NAME} (the shape
 * scripts rely on) or the short {@code APP NAME}. Anything else is a usage error (exit 2).
 */
record ServiceTarget(String app, String service, List<String> rest) {

    static ServiceTarget of(CommandSpec spec, String appOption, List<String> words, int maxRest) {
        List<String> given = words == null ? List.of() : words;
        int head = appOption == null ? 2 : 1;
        if (given.size() < head) {
            throw new ParameterException(spec.commandLine(), appOption == null
                    ? "name the application and the service: --app APP NAME (or APP NAME)"
                    : "name the service of application " + appOption + ": --app " + appOption + " NAME");
        }
        if (given.size() > head + maxRest) {
            throw new ParameterException(spec.commandLine(), "unexpected " + String.join(" ", given.subList(head + maxRest, given.size())));
        }
        String app = appOption == null ? given.get(0) : appOption;
        return new ServiceTarget(app, given.get(head - 1), List.copyOf(given.subList(head, given.size())));
    }

    /** A count given as {@code --count N} or as the word after the service; 1 when neither. */
    int count(CommandSpec spec, Integer countOption) {
        if (countOption != null && !rest.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the number once: --count " + countOption);
        }
        if (countOption != null) {
            if (countOption < 1) {
                throw new ParameterException(spec.commandLine(), "the number of nodes must be at least 1, not " + countOption);
            }
            return countOption;
        }
        return rest.isEmpty() ? 1 : NodeCount.parse(spec, rest.get(0), "");
    }
}
