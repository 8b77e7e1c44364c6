package org.conpaas.cert.certificate.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.conpaas.cert.certificate.CertificateSubject;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.contracts.id.UserId;

/** Sign {@code publicKey} for {@code subject} under {@code serial}; {@code ownerId} may later revoke it. */
public record IssueCertificateCommand(@TargetAggregateIdentifier SerialNumber serial, CertificateSubject subject,
                                      UserId ownerId, SubjectPublicKeyInfo publicKey) {
}
