package org.conpaas.cert.certificate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.web.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whom a certificate names, and how (docs/api/certificates.md, "What a certificate says"):
 * the subject is {@code O=ConPaaS, OU=<role>[, UID=<user id>], CN=<username | node id | host>};
 * the subjectAltName carries URIs {@code urn:conpaas:user:<id>}, {@code urn:conpaas:node:<id>},
 * {@code urn:conpaas:service:<id>}, {@code urn:conpaas:application:<id>}, or for the director
 * the host as dNSName or iPAddress, followed by the other hosts it also serves under (e.g. the
 * address container nodes reach it at).
 */
public record CertificateSubject(CertificateRole role, String commonName, UserId userId, NodeId nodeId,
                                 ServiceId serviceId, ApplicationId applicationId, String host, List<String> alsoHosts) {

    public CertificateSubject(CertificateRole role, String commonName, UserId userId, NodeId nodeId,
                              ServiceId serviceId, ApplicationId applicationId, String host) {
        this(role, commonName, userId, nodeId, serviceId, applicationId, host, List.of());
    }

    public static final String ORGANISATION = "ConPaaS";
    public static final String URN = "urn:conpaas:";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CertificateSubject {
        alsoHosts = alsoHosts == null ? List.of() : List.copyOf(alsoHosts);
        if (role == null || commonName == null || commonName.isBlank()) {
            throw ApiException.invalid("a certificate needs a role and a name");
        }
        if (commonName.length() > 64 || commonName.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("the certificate's name must be 1 to 64 characters without control characters");
        }
        switch (role) {
            case USER, ADMIN -> require(userId != null && nodeId == null && host == null && alsoHosts.isEmpty(),
                    "a user certificate names a user only");
            case DIRECTOR -> require(host != null && userId == null && nodeId == null, "a director certificate names a host only");
            case MANAGER, AGENT -> require(nodeId != null && serviceId != null && applicationId != null && userId == null && host == null
                            && alsoHosts.isEmpty(),
                    "a node certificate names its node, service and application");
        }
    }

    public static CertificateSubject forUser(UserId userId, String username, CertificateRole role) {
        if (role != CertificateRole.USER && role != CertificateRole.ADMIN) {
            throw ApiException.forbidden("a " + role.value() + " gets no user certificate");
        }
        if (username == null || username.isBlank()) {
            throw ApiException.invalid("your token names no username, so no certificate can name you");
        }
        return new CertificateSubject(role, username, userId, null, null, null, null);
    }

    public static CertificateSubject forNode(CertificateRole role, NodeId node, ServiceId service, ApplicationId application) {
        if (!role.isNode()) {
            throw ApiException.invalid("role must be manager or agent, was '" + role.value() + "'");
        }
        requireId("nodeId", node == null ? null : node.value());
        requireId("serviceId", service == null ? null : service.value());
        requireId("applicationId", application == null ? null : application.value());
        return new CertificateSubject(role, node.value(), null, node, service, application, null);
    }

    public static CertificateSubject forDirector(DirectorHost host) {
        return forDirector(host, List.of());
    }

    /** A director certificate for {@code host} that also names {@code alsoHosts}. */
    public static CertificateSubject forDirector(DirectorHost host, List<DirectorHost> alsoHosts) {
        return new CertificateSubject(CertificateRole.DIRECTOR, host.value(), null, null, null, null, host.value(),
                alsoHosts.stream().map(DirectorHost::value).filter(h -> !h.equals(host.value())).distinct().toList());
    }

    public X500Name distinguishedName() {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.OU, role.value());
        if (userId != null) {
            name.addRDN(BCStyle.UID, userId.value());
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    public GeneralNames alternativeNames() {
        List<GeneralName> names = new ArrayList<>();
        if (host != null) {
            names.add(DirectorHost.of(host).generalName());
        }
        alsoHosts.forEach(also -> names.add(DirectorHost.of(also).generalName()));
        if (userId != null) {
            names.add(uri("user", userId.value()));
        }
        if (nodeId != null) {
            names.add(uri("node", nodeId.value()));
            names.add(uri("service", serviceId.value()));
            names.add(uri("application", applicationId.value()));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** Users and nodes authenticate as TLS clients; managers and the director also serve TLS. */
    public KeyPurposeId[] extendedKeyUsage() {
        return switch (role) {
            case USER, ADMIN, AGENT -> new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth};
            case MANAGER, DIRECTOR -> new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
        };
    }

    public String describe() {
        return distinguishedName().toString();
    }

    private static GeneralName uri(String kind, String id) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, URN + kind + ":" + id);
    }

    static void requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.invalid(field + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw ApiException.invalid(detail);
        }
    }
}
