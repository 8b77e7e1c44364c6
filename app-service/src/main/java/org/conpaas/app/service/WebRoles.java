package org.conpaas.app.service;

import org.conpaas.kit.domain.RuleViolationException;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The roles of a web hosting service's nodes (ConPaaS 1.x's web servers): the proxy balances
 * requests, web serves static files, backend runs the code (PHP-FPM, Tomcat). A new php or java
 * service's first node holds all three; nodes added later hold one.
 */
public final class WebRoles {

    static final String PROXY = "proxy";
    static final String WEB = "web";
    static final String BACKEND = "backend";
    static final List<String> ALL = List.of(PROXY, WEB, BACKEND);
    private static final Set<String> HOSTING_TYPES = Set.of("php", "java");

    private WebRoles() {
    }

    public static boolean hosting(String serviceType) {
        return serviceType != null && HOSTING_TYPES.contains(serviceType);
    }

    /** The role nodes added to a service of {@code type} get; null for a type without web roles. */
    static String forAdded(String type, String asked) {
        if (!hosting(type)) {
            if (asked != null) {
                throw new RuleViolationException("a " + type + " service has no web roles; add nodes without --role");
            }
            return null;
        }
        if (asked == null) {
            return BACKEND;
        }
        String role = asked.trim().toLowerCase(Locale.ROOT);
        if (!ALL.contains(role)) {
            throw new RuleViolationException("role must be one of " + ALL + ", not '" + asked + "'");
        }
        return role;
    }
}
