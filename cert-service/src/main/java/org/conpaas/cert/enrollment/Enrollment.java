package org.conpaas.cert.enrollment;

import org.conpaas.cert.certificate.CertificateIssuance;
import org.conpaas.cert.certificate.CertificationRequest;
import org.conpaas.cert.certificate.IssuedCertificate;
import org.conpaas.cert.certificate.SerialNumber;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A node trades its one-time token and a CSR for its certificate. The token is claimed, used up
 * and the certificate issued in one transaction: two nodes presenting the same token get one
 * certificate between them, and a failed issue leaves the token unused.
 */
@Component
class Enrollment {

    private final EnrollmentTokens tokens;
    private final CertificateIssuance issuance;

    Enrollment(EnrollmentTokens tokens, CertificateIssuance issuance) {
        this.tokens = tokens;
        this.issuance = issuance;
    }

    @Transactional
    public IssuedCertificate enrol(String token, String csrPem) {
        EnrollmentTokens.Binding binding = tokens.claim(token);
        CertificationRequest csr = CertificationRequest.parse(csrPem);
        csr.requireSubject(binding.subject());
        IssuedCertificate issued = issuance.issue(binding.subject(), binding.owner(), csr.publicKey());
        tokens.markUsed(token, new SerialNumber(issued.serial()));
        return issued;
    }
}
