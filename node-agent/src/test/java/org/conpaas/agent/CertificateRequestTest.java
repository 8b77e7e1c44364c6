package org.conpaas.agent;

import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateRequestTest {

    private static final NodeIdentity NODE = new NodeIdentity("node-7", "svc-3", "app-1", "agent", Optional.empty());

    @Test
    void subjectIsOrganisationRoleAndNodeIdInThatOrder() {
        assertEquals("O=ConPaaS,OU=agent,CN=node-7", CertificateRequest.subject(NODE).toString());
        NodeIdentity manager = new NodeIdentity("node-1", "svc-3", "app-1", "manager", Optional.empty());
        assertEquals("O=ConPaaS,OU=manager,CN=node-1", CertificateRequest.subject(manager).toString());
    }

    @Test
    void thePemRequestCarriesTheKeyOnP256AndVerifiesWithIt() throws Exception {
        KeyPair keys = CertificateRequest.newKeyPair();
        String pem = CertificateRequest.pem(keys, NODE);

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"), pem);
        List<byte[]> blocks = Pem.blocks(pem, "CERTIFICATE REQUEST");
        assertEquals(1, blocks.size());
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(blocks.get(0));
        assertEquals("node-7", csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString());
        assertEquals("agent", csr.getSubject().getRDNs(BCStyle.OU)[0].getFirst().getValue().toString());
        assertEquals("ConPaaS", csr.getSubject().getRDNs(BCStyle.O)[0].getFirst().getValue().toString());
        assertArrayEquals(keys.getPublic().getEncoded(), csr.getSubjectPublicKeyInfo().getEncoded());
        assertEquals(256, ((ECPublicKey) keys.getPublic()).getParams().getCurve().getField().getFieldSize());
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keys.getPublic())));
    }
}
