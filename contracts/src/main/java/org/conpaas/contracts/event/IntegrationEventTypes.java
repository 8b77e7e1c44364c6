package org.conpaas.contracts.event;

import org.conpaas.contracts.application.ApplicationCreated;
import org.conpaas.contracts.application.ApplicationDeleted;
import org.conpaas.contracts.application.ApplicationRenamed;
import org.conpaas.contracts.certificate.CertificateIssued;
import org.conpaas.contracts.certificate.CertificateRevoked;
import org.conpaas.contracts.identity.UserCreditChanged;
import org.conpaas.contracts.identity.UserDisabled;
import org.conpaas.contracts.identity.UserRegistered;

import java.util.List;

/** Every integration event of the published language; a new event is added here. */
public final class IntegrationEventTypes {
    public static final List<Class<? extends IntegrationEvent>> ALL = List.of(
            UserRegistered.class,
            UserCreditChanged.class,
            UserDisabled.class,
            ApplicationCreated.class,
            ApplicationRenamed.class,
            ApplicationDeleted.class,
            CertificateIssued.class,
            CertificateRevoked.class);

    private IntegrationEventTypes() {
    }
}
