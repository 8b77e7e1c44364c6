package org.conpaas.cert.authority;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;

/** GET /api/ca/certificate: the CA certificate, for anyone (PEM; DER with ?format=der). */
@RestController
@RequestMapping("/api/ca")
class CaController {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    static final MediaType DER = MediaType.parseMediaType("application/pkix-cert");

    private final CertificateAuthority authority;

    CaController(CertificateAuthority authority) {
        this.authority = authority;
    }

    @GetMapping("/certificate")
    ResponseEntity<byte[]> certificate(@RequestParam(required = false) String format) throws CertificateEncodingException {
        if ("chain".equalsIgnoreCase(format)) {
            // the issuing CA that signs certificates and the CRL, then the root: what services check forwarded certificates by
            return ResponseEntity.ok().contentType(PEM).body(authority.chainPem().getBytes(StandardCharsets.US_ASCII));
        }
        if ("der".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(DER).body(authority.certificate().getEncoded());
        }
        return ResponseEntity.ok().contentType(PEM).body(authority.certificatePem().getBytes(StandardCharsets.US_ASCII));
    }
}
