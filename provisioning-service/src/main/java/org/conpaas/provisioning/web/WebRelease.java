package org.conpaas.provisioning.web;

import org.conpaas.contracts.service.ServiceBinding;

import java.util.List;
import java.util.Map;

/**
 * What a release makes a service's nodes run: a code version (0: none), an environment, the backends' health path and
 * the mysql services it is bound to.
 */
public record WebRelease(int release, int codeVersion, Map<String, String> environment, String healthPath, List<ServiceBinding> bindings) {

    @Override
    public String toString() {
        // the environment may hold secrets: never in a log line
        return "release " + release + " (code version " + codeVersion + ", " + environment.size() + " variable(s), " + bindings.size() + " binding(s))";
    }
}
