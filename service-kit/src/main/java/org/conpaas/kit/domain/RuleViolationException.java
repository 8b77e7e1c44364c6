package org.conpaas.kit.domain;

/**
 * An aggregate refuses a command because of a rule of the domain (a state that does not allow it,
 * a limit reached). Its message is meant for the user: the API answers 409 with it as the detail.
 */
public class RuleViolationException extends IllegalStateException {
    public RuleViolationException(String message) {
        super(message);
    }
}
