package org.conpaas.cert.certificate.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.cert.certificate.RevocationReason;
import org.conpaas.cert.certificate.SerialNumber;

import java.time.Instant;

public record RevokeCertificateCommand(@TargetAggregateIdentifier SerialNumber serial, RevocationReason reason,
                                       Instant revokedAt) {
}
