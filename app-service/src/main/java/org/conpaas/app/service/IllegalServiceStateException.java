package org.conpaas.app.service;

/** A request that the service's current state does not allow; answered 409 with the state in the detail. */
public class IllegalServiceStateException extends org.conpaas.kit.domain.RuleViolationException {
    public IllegalServiceStateException(ServiceState current, String action, String allowed) {
        super("the service is " + current + "; " + action + " needs it " + allowed);
    }
}
