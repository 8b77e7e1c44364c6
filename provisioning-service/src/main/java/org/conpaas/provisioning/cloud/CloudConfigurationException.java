package org.conpaas.provisioning.cloud;

import java.util.List;

/** The clouds cannot be set up from the configuration; names every problem, so the operator fixes them in one go. */
public class CloudConfigurationException extends RuntimeException {

    private final List<String> problems;

    public CloudConfigurationException(List<String> problems) {
        super("cloud settings are wrong:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
