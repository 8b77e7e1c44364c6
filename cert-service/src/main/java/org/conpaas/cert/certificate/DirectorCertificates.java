package org.conpaas.cert.certificate;

import org.conpaas.contracts.id.UserId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The director's (gateway's) server certificate for the public URL's host. A new one for another
 * host supersedes the director certificates of the old hosts: they are revoked in the same
 * transaction. Certificates for the same host stay valid until they expire, so several gateway
 * instances can each hold one.
 */
@Component
class DirectorCertificates {

    private final CertificateIssuance issuance;
    private final CertificateQueries queries;

    DirectorCertificates(CertificateIssuance issuance, CertificateQueries queries) {
        this.issuance = issuance;
        this.queries = queries;
    }

    @Transactional
    public IssuedCertificate issue(DirectorHost host, UserId requestedBy) {
        return issue(host, java.util.List.of(), requestedBy);
    }

    /** For {@code host}, also naming {@code alsoHosts}: the same director reached under other names or addresses. */
    @Transactional
    public IssuedCertificate issue(DirectorHost host, java.util.List<DirectorHost> alsoHosts, UserId requestedBy) {
        IssuedCertificate issued = issuance.issueWithNewKey(CertificateSubject.forDirector(host, alsoHosts), requestedBy, null);
        for (SerialNumber previous : queries.directorsNotFor(host.value())) {
            issuance.revoke(previous, RevocationReason.SUPERSEDED);
        }
        return issued;
    }
}
