package org.conpaas.agent;

/** A setting is missing or invalid: the agent says which in one line and exits with 2. */
final class SettingsException extends Exception {
    SettingsException(String message) {
        super(message);
    }
}
