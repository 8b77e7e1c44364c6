package org.conpaas.cert.enrollment;

import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.CertificateSubject;
import org.conpaas.cert.certificate.IssuedCertificate;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

/**
 * Node certificates: an administrator (later provisioning-service) creates a one-time
 * enrollment token for a manager or agent node; the node, which has no login, trades the token
 * and its CSR for a certificate at the public POST /api/ca/enroll.
 */
@RestController
@RequestMapping("/api/ca")
class EnrollmentController {

    record EnrollmentTokenRequest(String role, String nodeId, String serviceId, String applicationId, String ownerId) {
    }

    record EnrollmentTokenView(String token, String role, String nodeId, String serviceId, String applicationId,
                               String ownerId, Instant expiresAt) {
    }

    record EnrollRequest(String token, String csr) {
    }

    private final EnrollmentTokens tokens;
    private final Enrollment enrollment;

    EnrollmentController(EnrollmentTokens tokens, Enrollment enrollment) {
        this.tokens = tokens;
        this.enrollment = enrollment;
    }

    @PostMapping("/enrollment-tokens")
    ResponseEntity<EnrollmentTokenView> createToken(@RequestBody(required = false) EnrollmentTokenRequest request, CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("only an administrator may create enrollment tokens");
        }
        if (request == null) {
            throw ApiException.invalid("give role (manager or agent), nodeId, serviceId and applicationId");
        }
        CertificateSubject subject = CertificateSubject.forNode(CertificateRole.ofNode(request.role()),
                request.nodeId() == null ? null : NodeId.of(request.nodeId()),
                request.serviceId() == null ? null : ServiceId.of(request.serviceId()),
                request.applicationId() == null ? null : ApplicationId.of(request.applicationId()));
        UserId owner = request.ownerId() == null ? caller.id() : owner(request.ownerId());
        EnrollmentTokens.Created created = tokens.create(subject, owner, caller.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(new EnrollmentTokenView(created.token(), subject.role().value(),
                subject.nodeId().value(), subject.serviceId().value(), subject.applicationId().value(), owner.value(),
                created.expiresAt()));
    }

    @PostMapping("/enroll")
    ResponseEntity<IssuedCertificate> enrol(@RequestBody(required = false) EnrollRequest request) {
        if (request == null) {
            throw ApiException.invalid("give token and csr");
        }
        IssuedCertificate issued = enrollment.enrol(request.token(), request.csr());
        return ResponseEntity.created(URI.create("/api/ca/certificates/" + issued.serial())).body(issued);
    }

    private static UserId owner(String id) {
        if (id.isBlank() || id.length() > 64 || id.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("ownerId must be a user id of 1 to 64 characters");
        }
        return UserId.of(id);
    }
}
