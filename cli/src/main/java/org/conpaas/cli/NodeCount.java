package org.conpaas.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A node count typed on the command line: a whole number of at least 1 (a service keeps its manager). */
final class NodeCount {

    private NodeCount() {
    }

    /** {@code word} as a count; {@code belowOne} says what to do instead when it is under 1. */
    static int parse(CommandSpec spec, String word, String belowOne) {
        int count;
        try {
            count = Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "'" + word + "' is not a number of nodes");
        }
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "the number of nodes must be at least 1, not " + count + belowOne);
        }
        return count;
    }
}
