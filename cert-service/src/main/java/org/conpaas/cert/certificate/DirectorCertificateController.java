package org.conpaas.cert.certificate;

import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** POST /api/ca/director-certificate (administrators): key, certificate and chain for the public host. */
@RestController
@RequestMapping("/api/ca")
class DirectorCertificateController {

    record DirectorCertificateRequest(String host) {
    }

    private final DirectorCertificates directors;

    DirectorCertificateController(DirectorCertificates directors) {
        this.directors = directors;
    }

    @PostMapping("/director-certificate")
    ResponseEntity<IssuedCertificate> issue(@RequestBody(required = false) DirectorCertificateRequest request, CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("only an administrator may get the director certificate");
        }
        DirectorHost host = DirectorHost.of(request == null ? null : request.host());
        IssuedCertificate issued = directors.issue(host, caller.id());
        return ResponseEntity.created(URI.create("/api/ca/certificates/" + issued.serial())).body(issued);
    }
}
