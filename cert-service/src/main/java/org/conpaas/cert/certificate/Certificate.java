package org.conpaas.cert.certificate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.conpaas.cert.certificate.api.CertificateIssued;
import org.conpaas.cert.certificate.api.CertificateRevoked;
import org.conpaas.cert.certificate.api.IssueCertificateCommand;
import org.conpaas.cert.certificate.api.RevokeCertificateCommand;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;
import org.conpaas.kit.web.ApiException;

import java.security.cert.X509Certificate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One certificate the CA signed, identified by its serial: issued once (a serial is never
 * reused: the event store refuses a second aggregate with it), revoked at most once.
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER)
public class Certificate {

    @AggregateIdentifier
    private SerialNumber serial;
    private String subject;
    private CertificateRole role;
    private UserId ownerId;
    private boolean revoked;

    protected Certificate() {
        // for Axon
    }

    @CommandHandler
    public Certificate(IssueCertificateCommand command, CertificateSigner signer) {
        CertificateSubject who = command.subject();
        X509Certificate certificate = signer.sign(command.serial(), who, command.publicKey());
        apply(new CertificateIssued(command.serial(), who.describe(), who.role(), command.ownerId(), who.userId(),
                who.nodeId(), who.serviceId(), who.applicationId(), who.host(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                org.conpaas.cert.authority.Pem.of(certificate)));
    }

    @CommandHandler
    public void handle(RevokeCertificateCommand command) {
        if (revoked) {
            throw ApiException.conflict("certificate " + serial + " is revoked already");
        }
        apply(new CertificateRevoked(serial, subject, role, ownerId, command.reason(), command.revokedAt()));
    }

    @EventSourcingHandler
    void on(CertificateIssued event) {
        serial = event.serial();
        subject = event.subject();
        role = event.role();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(CertificateRevoked event) {
        revoked = true;
    }
}
