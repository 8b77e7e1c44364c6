package org.conpaas.agent;

/**
 * What the agent tells the director every interval; {@code refusedCodeVersion} and
 * {@code codeRefusal} name the last code version it would not run, and why (null when none).
 */
record Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal) {

    Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort) {
        this(state, detail, logTail, httpPort, null, null);
    }

    String toJson() {
        return "{\"state\":" + Json.quote(state.name()) + ",\"detail\":" + Json.quote(detail) + ",\"logTail\":"
                + Json.quote(logTail) + ",\"httpPort\":" + (httpPort == null ? "null" : httpPort.toString())
                + ",\"refusedCodeVersion\":" + (refusedCodeVersion == null ? "null" : refusedCodeVersion.toString())
                + ",\"codeRefusal\":" + (codeRefusal == null ? "null" : Json.quote(codeRefusal)) + "}";
    }
}
