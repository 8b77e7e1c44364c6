package org.conpaas.provisioning.web;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a php or java node's heartbeat adds: the ports it answers on per role, the release it runs,
 * its backend's health, the proxy members it applied and its proxy's p95 response time and rate.
 */
public record WebReport(Map<String, Integer> ports, Integer release, Boolean healthy, String healthDetail, String membersHash,
                        Double responseP95Ms, Double requestRate) {

    private static final Set<String> PORT_NAMES = Set.of(WebNode.PROXY, WebNode.WEB, WebNode.BACKEND, WebNode.SESSIONS);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{1,64}");

    /** What is wrong with the report, null when nothing. */
    public String problem() {
        if (ports != null) {
            for (Map.Entry<String, Integer> port : ports.entrySet()) {
                if (!PORT_NAMES.contains(port.getKey())) {
                    return "ports names roles " + PORT_NAMES + ", not '" + clip(port.getKey(), 20) + "'";
                }
                if (port.getValue() == null || port.getValue() < 1024 || port.getValue() > 65535) {
                    return "ports." + port.getKey() + " must be 1024..65535";
                }
            }
        }
        if (release != null && release < 1) {
            return "release must be 1 or more";
        }
        if (membersHash != null && !HASH.matcher(membersHash).matches()) {
            return "membersHash must be the hash the director sent";
        }
        if (responseP95Ms != null && (responseP95Ms.isNaN() || responseP95Ms < 0 || responseP95Ms.isInfinite())) {
            return "responseP95Ms must be a number of milliseconds";
        }
        if (requestRate != null && (requestRate.isNaN() || requestRate < 0 || requestRate.isInfinite())) {
            return "requestRate must be requests per second";
        }
        return null;
    }

    WebReport clipped() {
        return new WebReport(ports, release, healthy, clip(healthDetail, 1024), membersHash, responseP95Ms, requestRate);
    }

    private static String clip(String s, int max) {
        String clean = s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
        return clean == null || clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
