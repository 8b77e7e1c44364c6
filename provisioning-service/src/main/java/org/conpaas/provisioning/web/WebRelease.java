package org.conpaas.provisioning.web;

import java.util.Map;

/** What a release makes a service's nodes run: a code version (0: none), an environment and the backends' health path. */
public record WebRelease(int release, int codeVersion, Map<String, String> environment, String healthPath) {

    @Override
    public String toString() {
        // the environment may hold secrets: never in a log line
        return "release " + release + " (code version " + codeVersion + ", " + environment.size() + " variable(s))";
    }
}
