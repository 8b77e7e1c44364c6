package org.conpaas.cert.certificate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.cert.certificate.api.CertificateIssued;
import org.conpaas.cert.certificate.api.CertificateRevoked;
import org.conpaas.cert.certificate.api.IssueCertificateCommand;
import org.conpaas.cert.certificate.api.RevokeCertificateCommand;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTest {

    private static final SerialNumber SERIAL = SerialNumber.parse("5F3A9C0E12B47D68A1C2E3F405162738");
    private static final UserId OWNER = UserId.of("owner-1");
    private static final CertificateSubject AGENT = CertificateSubject.forNode(CertificateRole.AGENT, NodeId.of("node-7"),
            ServiceId.of("svc-3"), ApplicationId.of("app-1"));
    private static final Instant ISSUED = Instant.parse("2026-11-24T10:10:30Z");
    private static final Instant NOT_AFTER = Instant.parse("2027-11-24T10:15:30Z");
    private static final Instant REVOKED_AT = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    static Path caDir;
    private static CertificateAuthority authority;

    private FixtureConfiguration<Certificate> fixture;

    @BeforeAll
    static void createAuthority() {
        authority = CertificateAuthority.loadOrCreate(CaProperties.defaults(caDir), Clock.systemUTC());
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Certificate.class);
        fixture.registerInjectableResource(new CertificateSigner(authority, CaProperties.defaults(caDir), Clock.systemUTC()));
    }

    @Test
    void issuesACertificateSignedByTheCaForItsSubject() throws Exception {
        KeyPair keys = Csrs.ec("secp256r1");
        AtomicReference<CertificateIssued> issued = new AtomicReference<>();
        fixture.givenNoPriorActivity()
                .when(new IssueCertificateCommand(SERIAL, AGENT, OWNER, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(p -> p instanceof CertificateIssued e && issued.compareAndSet(null, e)),
                        Matchers.andNoMore())));

        CertificateIssued event = issued.get();
        assertThat(event.serial()).isEqualTo(SERIAL);
        assertThat(event.role()).isEqualTo(CertificateRole.AGENT);
        assertThat(event.ownerId()).isEqualTo(OWNER);
        assertThat(event.subject()).isEqualTo("O=ConPaaS,OU=agent,CN=node-7");
        assertThat(List.of(event.nodeId(), event.serviceId(), event.applicationId()))
                .containsExactly(NodeId.of("node-7"), ServiceId.of("svc-3"), ApplicationId.of("app-1"));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(event.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        certificate.verify(authority.certificate().getPublicKey());
        assertThat(certificate.getSerialNumber()).isEqualTo(SERIAL.toBigInteger());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .containsExactly((Object) "urn:conpaas:node:node-7", "urn:conpaas:service:svc-3", "urn:conpaas:application:app-1");
        assertThat(Duration.between(Instant.now(), event.notAfter())).isBetween(Duration.ofDays(364), Duration.ofDays(365));
        assertThat(event.notBefore()).isBefore(Instant.now().minus(Duration.ofMinutes(4)));
    }

    @Test
    void revokesOnce() {
        fixture.given(issued())
                .when(new RevokeCertificateCommand(SERIAL, RevocationReason.KEY_COMPROMISE, REVOKED_AT))
                .expectEvents(new CertificateRevoked(SERIAL, "O=ConPaaS,OU=agent,CN=node-7", CertificateRole.AGENT, OWNER,
                        RevocationReason.KEY_COMPROMISE, REVOKED_AT));
    }

    @Test
    void aRevokedCertificateIsNotRevokedAgain() {
        fixture.given(issued(), new CertificateRevoked(SERIAL, "O=ConPaaS,OU=agent,CN=node-7", CertificateRole.AGENT, OWNER,
                        RevocationReason.SUPERSEDED, REVOKED_AT))
                .when(new RevokeCertificateCommand(SERIAL, RevocationReason.KEY_COMPROMISE, REVOKED_AT.plusSeconds(60)))
                .expectException(ApiException.class)
                .expectExceptionMessage("certificate 5F3A9C0E12B47D68A1C2E3F405162738 is revoked already")
                .expectNoEvents();
    }

    @Test
    void aSubjectOfTheWrongShapeIsNeverSigned() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CertificateSubject(CertificateRole.AGENT, "node-7",
                        UserId.of("u"), NodeId.of("node-7"), ServiceId.of("s"), ApplicationId.of("a"), null))
                .hasMessageContaining("a node certificate names its node, service and application");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CertificateSubject.forNode(CertificateRole.AGENT,
                        NodeId.of("node/../7"), ServiceId.of("s"), ApplicationId.of("a")))
                .hasMessageContaining("nodeId must be 1 to 64 letters");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CertificateSubject.forUser(UserId.of("u"), "alice", CertificateRole.AGENT))
                .hasMessageContaining("a agent gets no user certificate");
    }

    private static CertificateIssued issued() {
        return new CertificateIssued(SERIAL, "O=ConPaaS,OU=agent,CN=node-7", CertificateRole.AGENT, OWNER, null,
                NodeId.of("node-7"), ServiceId.of("svc-3"), ApplicationId.of("app-1"), null, ISSUED, NOT_AFTER, "-----BEGIN CERTIFICATE-----");
    }
}
