package org.conpaas.kit.bus;

/** A message on the bus that is not an integration event this service knows: it goes to the DLQ. */
public class UnreadableIntegrationEventException extends RuntimeException {
    public UnreadableIntegrationEventException(String message) {
        super(message);
    }
}
