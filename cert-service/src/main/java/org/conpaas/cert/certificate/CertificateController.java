package org.conpaas.cert.certificate;

import org.conpaas.cert.authority.Pem;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Issued certificates: administrators list and revoke all of them, a user their own (another
 * user's certificate answers 404, as if it did not exist); and the CRL, for anyone.
 */
@RestController
@RequestMapping("/api/ca")
class CertificateController {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");

    record RevokeRequest(String reason) {
    }

    private final CertificateQueries queries;
    private final CertificateIssuance issuance;
    private final RevocationList revocationList;

    CertificateController(CertificateQueries queries, CertificateIssuance issuance, RevocationList revocationList) {
        this.queries = queries;
        this.issuance = issuance;
        this.revocationList = revocationList;
    }

    @GetMapping("/certificates")
    List<CertificateView> list(CurrentUser caller) {
        return caller.isAdmin() ? queries.all() : queries.ownedBy(caller.id());
    }

    @GetMapping("/certificates/{serial}")
    CertificateView show(@PathVariable String serial, CurrentUser caller) {
        return visible(serial, caller);
    }

    @PostMapping("/certificates/{serial}/revoke")
    CertificateView revoke(@PathVariable String serial, @RequestBody(required = false) RevokeRequest request, CurrentUser caller) {
        CertificateView certificate = visible(serial, caller);
        RevocationReason reason = RevocationReason.of(request == null ? null : request.reason());
        if (certificate.revoked()) {
            throw ApiException.conflict("certificate " + certificate.serial() + " is revoked already");
        }
        return issuance.revoke(new SerialNumber(certificate.serial()), reason);
    }

    /** The CRL: DER by default, PEM for {@code ?format=pem} or {@code Accept: application/x-pem-file}. */
    @GetMapping("/crl")
    ResponseEntity<byte[]> crl(@RequestParam(required = false) String format,
                               @RequestHeader(value = "Accept", required = false) String accept) {
        byte[] der = revocationList.current();
        boolean pem = "pem".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("application/x-pem-file"));
        if (pem) {
            return ResponseEntity.ok().contentType(PEM).body(Pem.of("X509 CRL", der).getBytes(StandardCharsets.US_ASCII));
        }
        return ResponseEntity.ok().contentType(CRL).body(der);
    }

    private CertificateView visible(String serial, CurrentUser caller) {
        SerialNumber parsed = SerialNumber.parse(serial);
        return queries.find(parsed)
                .filter(c -> caller.isAdmin() || (c.ownerId() != null && caller.mayActFor(UserId.of(c.ownerId()))))
                .orElseThrow(() -> ApiException.notFound("no certificate with serial " + parsed + " of yours"));
    }
}
