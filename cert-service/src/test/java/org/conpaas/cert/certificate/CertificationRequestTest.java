package org.conpaas.cert.certificate;

import org.conpaas.cert.authority.Pem;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificationRequestTest {

    private static final CertificateSubject ALICE = CertificateSubject.forUser(UserId.of("u-1"), "alice", CertificateRole.USER);
    private static final CertificateSubject AGENT = CertificateSubject.forNode(CertificateRole.AGENT, NodeId.of("n-1"),
            ServiceId.of("s-1"), ApplicationId.of("a-1"));

    @Test
    void acceptsP256P384AndRsa2048WithTheirPublicKey() throws Exception {
        for (var keys : new java.security.KeyPair[]{Csrs.ec("secp256r1"), Csrs.ec("secp384r1"), Csrs.rsa(2048)}) {
            CertificationRequest csr = CertificationRequest.parse(Csrs.pem(keys, "CN=alice"));
            assertThat(csr.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        }
    }

    @Test
    void refusesWeakRsa() throws Exception {
        refused(Csrs.pem(Csrs.rsa(1024), "CN=alice"), "RSA key has 1024 bits; RSA keys must have 2048 to 8192 bits");
    }

    @Test
    void refusesOtherCurvesAndAlgorithms() throws Exception {
        refused(Csrs.pem(Csrs.ec("secp256k1"), "CN=alice"), "curve secp256k1; EC keys must be on P-256 or P-384");
        refused(Csrs.pem(Csrs.ec("secp521r1"), "CN=alice"), "curve secp521r1");
        refused(Csrs.pem(Csrs.ed25519(), "CN=alice"), "key algorithm (1.3.101.112) is not accepted");
    }

    @Test
    void refusesABadSelfSignature() throws Exception {
        byte[] der = Csrs.der(Csrs.ec("secp256r1"), "CN=alice");
        der[der.length - 5] ^= 0x5A; // inside the signature
        refused(Pem.of("CERTIFICATE REQUEST", der), "self-signature does not verify");

        byte[] other = Csrs.der(Csrs.ec("secp256r1"), "CN=alice");
        int cn = indexOf(other, "alice".getBytes());
        other[cn] = 'A'; // the signed subject changed after signing
        refused(Pem.of("CERTIFICATE REQUEST", other), "self-signature does not verify");
    }

    @Test
    void refusesGarbage() {
        refused(null, "csr is required");
        refused("   ", "csr is required");
        refused("hello", "not a certificate request");
        refused("-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getEncoder().encodeToString(new byte[300])
                + "\n-----END CERTIFICATE REQUEST-----\n", "not a readable certificate request");
        refused("-----BEGIN CERTIFICATE REQUEST-----\n%%%not base64%%%\n-----END CERTIFICATE REQUEST-----\n", "certificate request");
        refused("x".repeat(20_000), "at most 16384");
    }

    @Test
    void refusesAKeyOrCertificateInsteadOfARequest() throws Exception {
        var keys = Csrs.ec("secp256r1");
        refused(Pem.of(keys.getPrivate()), "not a certificate request but a");
    }

    @Test
    void theSubjectMayRepeatButNotContradictWhatTheCertificateSays() throws Exception {
        var keys = Csrs.ec("secp256r1");
        assertThatCode(() -> CertificationRequest.parse(Csrs.pem(keys, "")).requireSubject(ALICE)).doesNotThrowAnyException();
        assertThatCode(() -> CertificationRequest.parse(Csrs.pem(keys, "CN=alice,OU=user,UID=u-1,O=Whatever")).requireSubject(ALICE))
                .doesNotThrowAnyException();
        assertThatCode(() -> CertificationRequest.parse(Csrs.pem(keys, "CN=n-1,OU=agent")).requireSubject(AGENT))
                .doesNotThrowAnyException();

        refusedSubject(Csrs.pem(keys, "CN=bob"), ALICE, "claims CN=bob, but it can only be CN=alice");
        refusedSubject(Csrs.pem(keys, "CN=alice,UID=u-2"), ALICE, "claims UID=u-2, but it can only be UID=u-1");
        refusedSubject(Csrs.pem(keys, "CN=alice,OU=admin"), ALICE, "claims OU (the role)=admin, but it can only be OU (the role)=user");
        refusedSubject(Csrs.pem(keys, "CN=n-1,OU=manager"), AGENT, "OU (the role)=manager");
        refusedSubject(Csrs.pem(keys, "CN=n-2"), AGENT, "claims CN=n-2, but it can only be CN=n-1");
        refusedSubject(Csrs.pem(keys, "CN=n-1,UID=u-1"), AGENT, "claims UID=u-1, but this certificate has no UID");
    }

    private static void refused(String pem, String detail) {
        assertThatThrownBy(() -> CertificationRequest.parse(pem))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining(detail);
    }

    private static void refusedSubject(String pem, CertificateSubject expected, String detail) {
        CertificationRequest csr = CertificationRequest.parse(pem);
        assertThatThrownBy(() -> csr.requireSubject(expected))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining(detail);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
