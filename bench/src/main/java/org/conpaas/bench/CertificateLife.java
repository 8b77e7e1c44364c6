package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.cert.authority.Pem;
import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.CertificateSigner;
import org.conpaas.cert.certificate.CertificateSubject;
import org.conpaas.cert.certificate.RevocationReason;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.cert.certificate.api.CertificateIssued;
import org.conpaas.cert.certificate.api.CertificateRevoked;
import org.conpaas.contracts.id.UserId;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one cert-service certificate, as its aggregate applies them: issued, and for
 * every 10th revoked. Every 20th is a user's certificate, the others are node certificates
 * (manager or agent) of a service's nodes; the revoked ones are half user certificates
 * superseded by a new one, half node certificates whose node is gone (cessationOfOperation).
 * Every event carries the PEM of one real node certificate signed by the CA (only the serial and
 * subject differ), so the rows are as large as real ones.
 */
final class CertificateLife {

    private final String certificatePem;
    private final Instant notBefore;
    private final Instant notAfter;

    private CertificateLife(X509Certificate sample) {
        certificatePem = Pem.of(sample);
        notBefore = sample.getNotBefore().toInstant();
        notAfter = sample.getNotAfter().toInstant();
    }

    /** Certificates like the one {@code authority} signs now for a node's key. */
    static CertificateLife signedBy(CertificateAuthority authority, CaProperties properties) {
        CertificateSubject node = CertificateSubject.forNode(CertificateRole.AGENT, NumberedIds.node(0), NumberedIds.service(0),
                NumberedIds.application(0));
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(authority.newKeyPair().getPublic().getEncoded());
        return new CertificateLife(new CertificateSigner(authority, properties, Clock.systemUTC()).sign(SerialNumber.random(), node, key));
    }

    List<DomainEventMessage<?>> of(int i) {
        SerialNumber serial = SerialNumber.of(new BigInteger(1, ByteBuffer.allocate(16).putLong(0xCE47_0000_0000_0000L).putLong(i).array()));
        long service = i / 4;
        UserId owner = i % 20 == 0 ? NumberedIds.user(i / 20 % NumberedIds.USERS) : NumberedIds.ownerOf(service / 3);
        CertificateSubject subject = i % 20 == 0
                ? CertificateSubject.forUser(owner, "user" + i / 20 % NumberedIds.USERS, CertificateRole.USER)
                : CertificateSubject.forNode(i % 4 == 0 ? CertificateRole.MANAGER : CertificateRole.AGENT,
                        NumberedIds.node(8 * service + i % 4), NumberedIds.service(service), NumberedIds.application(service / 3));
        List<Object> events = new ArrayList<>(List.of(new CertificateIssued(serial, subject.describe(), subject.role(), owner,
                subject.userId(), subject.nodeId(), subject.serviceId(), subject.applicationId(), subject.host(), notBefore, notAfter,
                certificatePem)));
        if (i % 10 == 0) {
            RevocationReason reason = subject.role().isNode() ? RevocationReason.CESSATION_OF_OPERATION : RevocationReason.SUPERSEDED;
            events.add(new CertificateRevoked(serial, subject.describe(), subject.role(), owner, reason, Instant.now()));
        }
        return AggregateHistory.of("Certificate", serial.value(), events);
    }
}
