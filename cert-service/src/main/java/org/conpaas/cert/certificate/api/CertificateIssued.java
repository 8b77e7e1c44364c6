package org.conpaas.cert.certificate.api;

import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

/** A certificate was signed; {@code certificatePem} is the certificate itself (public, no key). */
public record CertificateIssued(SerialNumber serial, String subject, CertificateRole role, UserId ownerId,
                                UserId userId, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId,
                                String host, Instant notBefore, Instant notAfter, String certificatePem) {
}
