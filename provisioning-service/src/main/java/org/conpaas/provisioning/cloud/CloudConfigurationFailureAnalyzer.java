package org.conpaas.provisioning.cloud;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Wrong cloud settings end the start with the list of problems and what to do, not a stack trace. */
class CloudConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CloudConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CloudConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the conpaas.clouds.* settings named above (docs/operator-guide.md, docs/clouds.md) and start again.", null);
    }
}
