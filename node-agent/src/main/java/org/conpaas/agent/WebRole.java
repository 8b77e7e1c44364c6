package org.conpaas.agent;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a php or java node does for its service: {@code proxy} balances requests over the service's
 * backends and webs (and keeps its sessions), {@code web} serves the release's static files,
 * {@code backend} runs the release's code.
 */
enum WebRole {
    PROXY, WEB, BACKEND;

    /** The {@code web-roles} setting: a comma list, all three when empty. */
    static Set<WebRole> list(String value) throws SettingsException {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(WebRole.class);
        }
        EnumSet<WebRole> roles = EnumSet.noneOf(WebRole.class);
        for (String name : value.split(",")) {
            roles.add(switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "proxy" -> PROXY;
                case "web" -> WEB;
                case "backend" -> BACKEND;
                default -> throw new SettingsException("setting web-roles must be a comma list of proxy, web and backend, was '"
                        + AgentSettings.abbreviate(value) + "'");
            });
        }
        return roles;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
