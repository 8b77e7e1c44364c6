package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated node: what node-agent does on a VM, without the VM. It reads the user-data its
 * instance was started with (the director's URL, the one-time enrollment token, its identity),
 * makes an EC P-256 key and trades a CSR and the token for its certificate, then reports RUNNING
 * over mutual TLS with that certificate every heartbeat, with a log tail that grows by a line every
 * sixth beat. It stops when the director answers STOP, or is made silent to check the watchdog.
 */
final class SimulatedAgent {

    enum Stage { BOOTING, ENROLLED, STOPPED, SILENT }

    private static final String LOG_START = String.join("", java.util.Collections.nCopies(24,
            "2026-12-07T18:00:00Z INFO service started: listening for work\n"));

    final String instanceId;
    final String nodeId;
    private final Map<String, String> settings;
    private volatile Stage stage = Stage.BOOTING;
    private volatile SslContext identity;
    private int beats;
    private String logTail = LOG_START;

    private SimulatedAgent(String instanceId, Map<String, String> settings) {
        this.instanceId = instanceId;
        this.settings = settings;
        this.nodeId = settings.get("node-id");
    }

    /** The agent of an instance whose cloud-init user-data is {@code userData} (provisioning's NodeBootstrap). */
    static SimulatedAgent of(String instanceId, String userData) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean inside = false;
        for (String line : userData.split("\n")) {
            if (line.startsWith("cat > /etc/conpaas/node.properties")) {
                inside = true;
            } else if (line.equals("CONPAAS_NODE")) {
                inside = false;
            } else if (inside && line.indexOf('=') > 0) {
                settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        if (settings.get("node-id") == null || settings.get("enrollment-token") == null) {
            throw new IllegalArgumentException("user-data without node-id or enrollment-token: " + userData);
        }
        return new SimulatedAgent(instanceId, settings);
    }

    Stage stage() {
        return stage;
    }

    /** The enrollment request: a fresh key's CSR (O=ConPaaS, OU=role, CN=node id) and the token. */
    String enrollment(KeyPair keys) throws Exception {
        var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "ConPaaS").addRDN(BCStyle.OU, settings.get("role"))
                .addRDN(BCStyle.CN, nodeId).build();
        var csr = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(csr);
        }
        ObjectNode body = RunningNutshell.JSON.createObjectNode();
        body.put("token", settings.get("enrollment-token")).put("csr", pem.toString());
        return body.toString();
    }

    static KeyPair newKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Takes the certificate the CA issued (with its chain) as this node's TLS client identity, trusting servers of {@code trusted}. */
    void enrolled(KeyPair keys, JsonNode issued, X509Certificate... trusted) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new java.util.ArrayList<>();
        for (String field : List.of("certificatePem", "caChainPem")) {
            String pem = issued.path(field).asText("");
            if (!pem.isBlank()) {
                factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                        .forEach(c -> chain.add((X509Certificate) c));
            }
        }
        identity = SslContextBuilder.forClient().trustManager(trusted)
                .keyManager(keys.getPrivate(), chain.toArray(X509Certificate[]::new)).build();
        stage = Stage.ENROLLED;
    }

    SslContext identity() {
        return identity;
    }

    /** The next heartbeat's body: RUNNING, the log tail (a line longer every sixth beat). */
    synchronized String heartbeat() {
        beats++;
        ObjectNode body = RunningNutshell.JSON.createObjectNode();
        body.put("state", "RUNNING").put("detail", "simulated: running");
        if (beats % 6 == 0) {
            String line = "2026-12-07T18:00:00Z INFO beat " + beats + " of " + nodeId + "\n";
            logTail = (logTail + line).substring(line.length());
            body.putArray("logLines").addObject().put("source", "service").put("line", line.strip());
        }
        body.put("logTail", logTail);
        return body.toString();
    }

    /** What the director answered: STOP ends the agent. */
    void answered(JsonNode answer) {
        if ("STOP".equals(answer.path("desired").asText())) {
            stage = Stage.STOPPED;
        }
    }

    void halt() {
        stage = Stage.STOPPED;
    }

    void silence() {
        stage = Stage.SILENT;
    }
}
