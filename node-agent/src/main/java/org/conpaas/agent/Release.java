package org.conpaas.agent;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a php or java node's web and backend roles run: a code version with an environment and the
 * path the health check requests. A release number other than the one running (higher, or lower:
 * a rollback) makes the node switch to it.
 */
record Release(long number, long codeVersion, ReleaseEnvironment environment, String healthPath) {

    static final String DEFAULT_HEALTH_PATH = "/";

    /** From the heartbeat answer; null when it names no release (an older director, or nothing uploaded yet). */
    static Release from(Map<String, Object> answer) {
        Object number = answer.get("release");
        Object codeVersion = answer.get("codeVersion");
        if (number == null || codeVersion == null) {
            return null;
        }
        if (!(number instanceof BigDecimal) || !(codeVersion instanceof BigDecimal)) {
            throw new IllegalArgumentException("release and codeVersion must be numbers");
        }
        return new Release(((BigDecimal) number).longValueExact(), ((BigDecimal) codeVersion).longValueExact(),
                ReleaseEnvironment.of(answer.get("environment")), healthPath(answer.get("healthPath")));
    }

    /** An absolute path of URL characters; anything else (or nothing) is {@code /}. */
    static String healthPath(Object value) {
        return value instanceof String path && path.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,255}") ? path : DEFAULT_HEALTH_PATH;
    }

    String describe() {
        return "release " + number + " (code version " + codeVersion + ")";
    }
}
