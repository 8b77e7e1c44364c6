package org.conpaas.kit.security;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' second check of a forwarded node certificate, against a CA, certificates and a
 * CRL made by openssl: a certificate whose signature was checked once is not checked again, but
 * one with other bytes (a forgery under a CA of the same name) still is, and revocation is looked
 * at every time.
 */
class CertificateAuthorityTrustTest {

    @TempDir
    static Path dir;
    private static HttpServer ca;

    @BeforeAll
    static void pki() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/O=ConPaaS/CN=Test CA", "-days", "2", "-out", "ca.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "node.key");
        openssl("req", "-new", "-key", "node.key", "-subj", "/O=ConPaaS/OU=agent/CN=node-1", "-out", "node.csr");
        openssl("x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "4097", "-days", "1",
                "-out", "node.pem");
        openssl("x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "4098", "-days", "1",
                "-out", "revoked.pem");
        // another key under the same CA name signs a certificate of the same serial
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.key");
        openssl("req", "-x509", "-new", "-key", "other.key", "-subj", "/O=ConPaaS/CN=Test CA", "-days", "2", "-out", "other.pem");
        openssl("x509", "-req", "-in", "node.csr", "-CA", "other.pem", "-CAkey", "other.key", "-set_serial", "4097", "-days", "1",
                "-out", "forged.pem");
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ ca ]
                default_ca = test
                [ test ]
                database = index.txt
                crlnumber = crlnumber
                default_md = sha256
                default_crl_days = 1
                """);
        openssl("ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-revoke", "revoked.pem");
        openssl("ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-gencrl", "-out", "crl.pem");

        ca = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ca.createContext("/api/ca/certificate", exchange -> send(exchange, dir.resolve("ca.pem")));
        ca.createContext("/api/ca/crl", exchange -> send(exchange, dir.resolve("crl.pem")));
        ca.start();
    }

    @AfterAll
    static void stop() {
        ca.stop(0);
    }

    @Test
    void aCertificateCheckedOnceIsTrustedAgainWhileAForgeryAndARevokedOneAreRefusedEveryTime() throws Exception {
        CertificateAuthorityTrust trust = new CertificateAuthorityTrust(URI.create("http://127.0.0.1:" + ca.getAddress().getPort()),
                Duration.ofMinutes(5), Clock.systemUTC());
        X509Certificate node = certificate("node.pem");
        X509Certificate forged = certificate("forged.pem");
        X509Certificate revoked = certificate("revoked.pem");
        assertThat(forged.getSerialNumber()).isEqualTo(node.getSerialNumber());

        assertThat(trust.refusal(node)).isEmpty();
        assertThat(trust.refusal(node)).isEmpty();
        assertThat(trust.refusal(forged)).hasValue("the client certificate was not issued by the ConPaaS CA");
        assertThat(trust.refusal(forged)).hasValue("the client certificate was not issued by the ConPaaS CA");
        assertThat(trust.refusal(revoked)).hasValue("the client certificate was revoked");
        assertThat(trust.refusal(revoked)).hasValue("the client certificate was revoked");
        assertThat(trust.refusal(node)).isEmpty();
    }

    private static X509Certificate certificate(String file) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }
}
