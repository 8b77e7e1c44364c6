package org.conpaas.agent;

import java.math.BigDecimal;
import java.util.Map;

/** The memcached every php backend of the service keeps its sessions in ({@code sessions} of the answer). */
record SessionStore(String host, int port) {

    /** From the heartbeat answer; null when it names none: PHP's own file sessions then. */
    static SessionStore from(Map<String, Object> answer) {
        if (!(answer.get("sessions") instanceof Map<?, ?> sessions)) {
            return null;
        }
        if (!(sessions.get("host") instanceof String host) || !ProxyMembers.validHost(host)
                || !(sessions.get("port") instanceof BigDecimal port)) {
            throw new IllegalArgumentException("sessions must be {\"host\":…,\"port\":…}");
        }
        int number = port.intValueExact();
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("sessions port must be 1 to 65535, was " + number);
        }
        return new SessionStore(host, number);
    }

    /** As php-memcached's session.save_path takes it. */
    String savePath() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
