package org.conpaas.agent;

/** What the agent tells the director every interval. */
record Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort) {

    String toJson() {
        return "{\"state\":" + Json.quote(state.name()) + ",\"detail\":" + Json.quote(detail) + ",\"logTail\":"
                + Json.quote(logTail) + ",\"httpPort\":" + (httpPort == null ? "null" : httpPort.toString()) + "}";
    }
}
