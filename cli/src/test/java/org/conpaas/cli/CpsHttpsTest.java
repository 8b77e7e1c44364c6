package org.conpaas.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cps against an HTTPS director whose certificate comes from a CA of its own (made with the real
 * openssl, as the nutshell's): login trusts it on first use and prints the fingerprint openssl
 * prints, or trusts exactly --cacert; get-certificate writes what the director issued.
 */
class CpsHttpsTest {

    @TempDir
    static Path pki;
    @TempDir
    Path dir;

    private static HttpsServer director;
    private static String url;
    private static final AtomicReference<String> LAST_BODY = new AtomicReference<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=ConPaaS Root CA/O=ConPaaS");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "director.key",
                "-out", "director.csr", "-subj", "/O=ConPaaS/OU=director/CN=127.0.0.1");
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", "director.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "director.pem");
        openssl("pkcs12", "-export", "-inkey", "director.key", "-in", "director.pem", "-certfile", "ca.pem",
                "-passout", "pass:secret", "-out", "director.p12");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "other.key", "-out", "other.pem",
                "-days", "2", "-subj", "/CN=Another CA");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "user.key", "-out", "user.pem",
                "-days", "2", "-subj", "/O=ConPaaS/OU=user/UID=u-1/CN=alice");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.resolve("director.p12"))) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        director = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        director.setHttpsConfigurator(new HttpsConfigurator(tls));
        director.createContext("/api/auth/login", ex -> reply(ex, 200, "{\"accessToken\":\"access\",\"refreshToken\":\"refresh\"}"));
        director.createContext("/api/ca/user-certificate", ex -> {
            LAST_BODY.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean csr = LAST_BODY.get().contains("\"csr\"");
            boolean password = LAST_BODY.get().contains("\"password\"");
            reply(ex, 201, Director.JSON.createObjectNode().put("serial", "5F3A").put("subject", "O=ConPaaS,OU=user,UID=u-1,CN=alice")
                    .put("role", "user").put("notBefore", "2026-11-25T10:10:30Z").put("notAfter", "2027-11-25T10:15:30Z")
                    .put("certificatePem", read("user.pem")).put("caChainPem", read("ca.pem"))
                    .put("privateKeyPem", csr ? null : read("user.key"))
                    .put("pkcs12Base64", password ? Base64.getEncoder().encodeToString("p12".getBytes()) : null).toString());
        });
        director.start();
        url = "https://127.0.0.1:" + director.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        director.stop(0);
    }

    @Test
    void loginTrustsTheDirectorsCaOnFirstUseAndPrintsItsFingerprint() throws Exception {
        assertThat(cps("login", "--url", url, "--user", "alice", "--password-stdin")).as(err.toString()).isZero();
        String fingerprint = openssl("x509", "-in", "ca.pem", "-noout", "-fingerprint", "-sha256").strip().replaceFirst(".*=", "");
        assertThat(out.toString()).contains("on first use, SHA-256 fingerprint " + fingerprint).contains("logged in to " + url);
        Path stored = Path.of(CpsConfig.load(dir.resolve("cps.conf")).get("cacert").orElseThrow());
        assertThat(stored.getParent()).isEqualTo(dir);
        assertThat(openssl("x509", "-in", stored.toString(), "-noout", "-fingerprint", "-sha256")).contains(fingerprint);

        out.getBuffer().setLength(0);
        assertThat(cps("login", "--user", "alice", "--password-stdin")).isZero();
        assertThat(out.toString()).as("trusted already").doesNotContain("first use");
    }

    @Test
    void loginWithCacertTrustsExactlyThatCa() {
        assertThat(cps("login", "--url", url, "--user", "alice", "--password-stdin", "--cacert", pki.resolve("ca.pem").toString())).isZero();
        assertThat(out.toString()).doesNotContain("first use");
        assertThat(cps("login", "--url", url, "--user", "alice", "--password-stdin", "--cacert", pki.resolve("other.pem").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has an HTTPS certificate cps does not trust").hasLineCount(1);
        assertThat(cps("login", "--url", url, "--user", "alice", "--cacert", dir.resolve("missing.pem").toString())).isEqualTo(2);
    }

    @Test
    void getCertificateWritesKeyCertificateAndCaAndAPkcs12WithAPassword() throws Exception {
        assertThat(cps("login", "--url", url, "--user", "alice", "--password-stdin", "--cacert", pki.resolve("ca.pem").toString())).isZero();
        Path certificates = dir.resolve("certs");
        assertThat(cps("user", "get-certificate", "--out", certificates.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(certificates.resolve("user.pem"))).isEqualTo(read("user.pem"));
        assertThat(Files.readString(certificates.resolve("ca.pem"))).isEqualTo(read("ca.pem"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificates.resolve("user.key")))).isEqualTo("rw-------");
        assertThat(openssl("verify", "-CAfile", pki.resolve("ca.pem").toString(), pki.resolve("director.pem").toString())).contains("OK");
        assertThat(LAST_BODY.get()).isEqualTo("{}");

        out.getBuffer().setLength(0);
        assertThat(cps("user", "get-certificate", "--out", certificates.toString(), "--password", "p12-secret", "-o", "json")).isZero();
        assertThat(LAST_BODY.get()).isEqualTo("{\"password\":\"p12-secret\"}");
        assertThat(Files.readString(certificates.resolve("user.p12"))).isEqualTo("p12");
        assertThat(Director.JSON.readTree(out.toString()).path("serial").asText()).isEqualTo("5F3A");
        assertThat(out.toString()).contains("user.p12").doesNotContain("PRIVATE KEY");

        Path csr = dir.resolve("mine.csr");
        Files.writeString(csr, "-----BEGIN CERTIFICATE REQUEST-----\n…\n-----END CERTIFICATE REQUEST-----\n");
        Files.deleteIfExists(certificates.resolve("user.key"));
        assertThat(cps("user", "get-certificate", "--out", certificates.toString(), "--csr", csr.toString())).isZero();
        assertThat(LAST_BODY.get()).contains("\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(certificates.resolve("user.key")).doesNotExist();
    }

    @Test
    void badGetCertificateOptionsAreOneLineAndExitCodeTwo() {
        assertThat(cps("user", "get-certificate", "--csr", "x.csr", "--password", "p")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(cps("user", "get-certificate", "--csr", dir.resolve("none.csr").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no file").hasLineCount(1);
    }

    private int cps(String... args) {
        System.setIn(new ByteArrayInputStream("alice-secret\n".getBytes(StandardCharsets.UTF_8)));
        CommandLine cli = Cps.commandLine(CpsConfig.load(dir.resolve("cps.conf")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String read(String file) {
        try {
            return Files.readString(pki.resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
