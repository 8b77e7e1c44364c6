package org.conpaas.agent;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the director wants: keep running ({@code RUN}) or stop ({@code STOP}), and the newest
 * code version of the service, if any was uploaded. For php and java services also the release
 * to run, what the proxy balances over and the session store (absent from older directors); for
 * mysql services the Galera cluster to form or join.
 */
record HeartbeatAnswer(boolean stop, OptionalLong codeVersion, Optional<Release> release, Optional<ProxyMembers> members,
                       Optional<SessionStore> sessions, Optional<GaleraMembership> galera) {

    HeartbeatAnswer(boolean stop, OptionalLong codeVersion) {
        this(stop, codeVersion, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    HeartbeatAnswer(boolean stop, OptionalLong codeVersion, Optional<Release> release, Optional<ProxyMembers> members,
                    Optional<SessionStore> sessions) {
        this(stop, codeVersion, release, members, sessions, Optional.empty());
    }

    static HeartbeatAnswer parse(String body) {
        Map<String, Object> answer = Json.parseObject(body);
        Object desired = answer.get("desired");
        if (!"RUN".equals(desired) && !"STOP".equals(desired)) {
            throw new IllegalArgumentException("desired must be RUN or STOP, was " + desired);
        }
        Object version = answer.get("codeVersion");
        if (version != null && !(version instanceof BigDecimal)) {
            throw new IllegalArgumentException("codeVersion must be a number or null, was " + version);
        }
        return new HeartbeatAnswer("STOP".equals(desired),
                version == null ? OptionalLong.empty() : OptionalLong.of(((BigDecimal) version).longValueExact()),
                Optional.ofNullable(Release.from(answer)), Optional.ofNullable(ProxyMembers.from(answer)),
                Optional.ofNullable(SessionStore.from(answer)), Optional.ofNullable(GaleraMembership.from(answer)));
    }
}
