package org.conpaas.cli;

/** An operation that failed: cps prints its message as one line and exits with 1. */
public class CliFailure extends RuntimeException {
    public CliFailure(String message) {
        super(message);
    }
}
