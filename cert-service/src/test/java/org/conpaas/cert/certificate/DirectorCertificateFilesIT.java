package org.conpaas.cert.certificate;

import org.conpaas.cert.OpenSsl;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cpsconf step: a start with a public URL writes the director certificate for its host; the
 * same URL keeps it; a changed URL gets a new certificate with the new name and the old one is
 * revoked (openssl reads both).
 */
@ServiceIntegrationTest
class DirectorCertificateFilesIT {

    @Autowired
    DirectorCertificates directors;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CertificateAuthority authority;

    @Test
    void aChangedPublicUrlGetsANewDirectorCertificateAndRevokesTheOld(@TempDir Path dir) throws Exception {
        start("https://conpaas-a.example.org:8443", dir);
        String first = OpenSsl.ok(dir, "x509", "-in", "director.pem", "-noout", "-serial", "-ext", "subjectAltName");
        assertThat(first).contains("DNS:conpaas-a.example.org");
        assertThat(Files.getPosixFilePermissions(dir.resolve("director.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(OpenSsl.ok(dir, "verify", "-CAfile", "ca.pem", "director.pem")).contains("director.pem: OK");

        start("https://conpaas-a.example.org:8443", dir);
        assertThat(OpenSsl.ok(dir, "x509", "-in", "director.pem", "-noout", "-serial", "-ext", "subjectAltName")).isEqualTo(first);

        start("https://192.0.2.10", dir);
        String second = OpenSsl.ok(dir, "x509", "-in", "director.pem", "-noout", "-serial", "-ext", "subjectAltName");
        assertThat(second).contains("IP Address:192.0.2.10").doesNotContain("conpaas-a");
        String oldSerial = first.lines().filter(l -> l.startsWith("serial=")).findFirst().orElseThrow().substring(7);
        assertThat(jdbc.queryForObject("SELECT revocation_reason FROM certificate WHERE ltrim(serial, '0') = ltrim(?, '0')",
                String.class, oldSerial)).isEqualTo("superseded");
    }

    @Test
    void theCertificateAlsoNamesTheAddressesContainerNodesCallItAtAndIsReplacedWhenOneIsMissing(@TempDir Path dir) throws Exception {
        start("https://127.0.0.1:8443", dir);
        String loopbackOnly = OpenSsl.ok(dir, "x509", "-in", "director.pem", "-noout", "-serial", "-ext", "subjectAltName");

        start("https://127.0.0.1:8443", dir, "10.213.0.1");
        String both = OpenSsl.ok(dir, "x509", "-in", "director.pem", "-noout", "-serial", "-ext", "subjectAltName");
        assertThat(both).contains("IP Address:127.0.0.1", "IP Address:10.213.0.1").isNotEqualTo(loopbackOnly);
        assertThat(OpenSsl.ok(dir, "verify", "-CAfile", "ca.pem", "director.pem")).contains("director.pem: OK");

        start("https://127.0.0.1:8443", dir, " 10.213.0.1 ");
        assertThat(OpenSsl.ok(dir, "x509", "-in", "director.pem", "-noout", "-serial", "-ext", "subjectAltName")).isEqualTo(both);
    }

    private void start(String url, Path dir) {
        start(url, dir, "");
    }

    private void start(String url, Path dir, String alsoHosts) {
        new DirectorCertificateFiles(directors, jdbc, authority, url, dir.toString(), alsoHosts).ensure();
    }
}
