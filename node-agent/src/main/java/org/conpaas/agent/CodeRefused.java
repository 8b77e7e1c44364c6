package org.conpaas.agent;

/** A code archive the agent will not run: bad checksum, unknown format, or an entry escaping its directory. */
final class CodeRefused extends Exception {
    CodeRefused(String message) {
        super(message);
    }
}
