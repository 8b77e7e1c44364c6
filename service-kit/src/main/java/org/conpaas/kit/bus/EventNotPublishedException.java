package org.conpaas.kit.bus;

import org.conpaas.contracts.event.IntegrationEvent;

/** The broker did not take an integration event; the caller (a tracking processor) retries. */
public class EventNotPublishedException extends RuntimeException {
    public EventNotPublishedException(IntegrationEvent event, String why) {
        super("integration event " + event.header().type() + " " + event.header().eventId() + " not published: " + why);
    }
}
