package org.conpaas.cert.certificate;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.cert.authority.Pem;
import org.conpaas.cert.certificate.api.IssueCertificateCommand;
import org.conpaas.cert.certificate.api.RevokeCertificateCommand;
import org.conpaas.contracts.id.UserId;
import org.springframework.stereotype.Component;

import java.security.KeyPair;
import java.time.Clock;

/** Issues and revokes certificates through the {@link Certificate} aggregate; the entry point of every endpoint. */
@Component
public class CertificateIssuance {

    private final CommandGateway commands;
    private final CertificateQueries queries;
    private final CertificateAuthority authority;
    private final Clock clock;

    CertificateIssuance(CommandGateway commands, CertificateQueries queries, CertificateAuthority authority, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.authority = authority;
        this.clock = clock;
    }

    /** Signs a key the caller holds (from a CSR). */
    public IssuedCertificate issue(CertificateSubject subject, UserId owner, SubjectPublicKeyInfo publicKey) {
        SerialNumber serial = SerialNumber.random();
        commands.sendAndWait(new IssueCertificateCommand(serial, subject, owner, publicKey));
        CertificateView view = queries.find(serial).orElseThrow();
        return new IssuedCertificate(serial.value(), view.subject(), view.role(), view.notBefore(), view.notAfter(),
                queries.certificatePem(serial), null, authority.chainPem(), null);
    }

    /** Generates a key pair (of the CA's key type), signs it and hands the key out, optionally also as PKCS#12. */
    public IssuedCertificate issueWithNewKey(CertificateSubject subject, UserId owner, String pkcs12Password) {
        KeyPair keys = authority.newKeyPair();
        IssuedCertificate issued = issue(subject, owner, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        String pkcs12 = pkcs12Password == null ? null
                : Pkcs12.of(subject.commonName(), keys.getPrivate(), issued.certificatePem(), authority.chain(), pkcs12Password);
        return issued.withKey(Pem.of(keys.getPrivate()), pkcs12);
    }

    public CertificateView revoke(SerialNumber serial, RevocationReason reason) {
        commands.sendAndWait(new RevokeCertificateCommand(serial, reason, clock.instant()));
        return queries.find(serial).orElseThrow();
    }
}
