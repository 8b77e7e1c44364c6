package org.conpaas.cert.certificate;

import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * POST /api/ca/user-certificate: a logged-in user gets a certificate naming them (CN=username,
 * UID=user id, OU=their role). Without a body the service generates the key; with a password it
 * also returns a PKCS#12; with a CSR it signs the caller's own key instead.
 */
@RestController
@RequestMapping("/api/ca")
class UserCertificateController {

    static final int MAX_PASSWORD = 1024;

    record UserCertificateRequest(String password, String csr) {
    }

    private final CertificateIssuance issuance;

    UserCertificateController(CertificateIssuance issuance) {
        this.issuance = issuance;
    }

    @PostMapping("/user-certificate")
    ResponseEntity<IssuedCertificate> issue(@RequestBody(required = false) UserCertificateRequest request, CurrentUser caller) {
        CertificateSubject subject = CertificateSubject.forUser(caller.id(), caller.username(), roleOf(caller));
        String csr = request == null ? null : request.csr();
        String password = request == null ? null : request.password();
        IssuedCertificate issued;
        if (csr != null) {
            if (password != null) {
                throw ApiException.invalid("give either a csr or a password, not both: a PKCS#12 needs a key the service generated");
            }
            CertificationRequest parsed = CertificationRequest.parse(csr);
            parsed.requireSubject(subject);
            issued = issuance.issue(subject, caller.id(), parsed.publicKey());
        } else {
            if (password != null && (password.isEmpty() || password.length() > MAX_PASSWORD)) {
                throw ApiException.invalid("password must be 1 to " + MAX_PASSWORD + " characters (leave it out for no PKCS#12)");
            }
            if (password != null && !wellFormed(password)) {
                // the JDK's PKCS#12 encryption takes printable ASCII only: refuse before anything is issued
                throw ApiException.invalid("password must be printable ASCII (letters, digits, punctuation, spaces): "
                        + "the PKCS#12 file's encryption takes no other characters");
            }
            issued = issuance.issueWithNewKey(subject, caller.id(), password);
        }
        return ResponseEntity.created(URI.create("/api/ca/certificates/" + issued.serial())).body(issued);
    }

    private static CertificateRole roleOf(CurrentUser caller) {
        if (caller.isAdmin()) {
            return CertificateRole.ADMIN;
        }
        if (CurrentUser.USER.equals(caller.role())) {
            return CertificateRole.USER;
        }
        throw ApiException.forbidden("a caller with role '" + caller.role() + "' gets no user certificate");
    }

    /** True when {@code s} is printable ASCII, all a PKCS#12 password may hold here (the JDK refuses other characters). */
    static boolean wellFormed(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
