package org.conpaas.agent;

import java.util.Locale;

/** How the service's code runs: {@code generic} runs its start.sh, {@code web} serves its files. */
enum ServiceType {
    GENERIC, WEB;

    static ServiceType of(String value) throws SettingsException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "generic" -> GENERIC;
            case "web" -> WEB;
            default -> throw new SettingsException("setting type must be generic or web, was '" + value + "'");
        };
    }
}
