package org.conpaas.provisioning.cloud;

import java.util.List;

/** A cloud's settings are missing or wrong; the message names the cloud and every bad setting. */
public class InvalidCloudSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidCloudSettingsException(String cloudName, List<String> problems) {
        super("cloud '" + cloudName + "': " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
