package org.conpaas.cert.certificate;

import org.conpaas.contracts.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * No manual certificate step for operators: at every start, cert-service makes sure the
 * director directory ({@code conpaas.ca.director-dir}, shared with the gateway) holds a valid
 * server certificate for the host of {@code conpaas.public-url}, its key (0600) and the CA
 * certificate. A certificate for another host (the URL changed) or one near its end is replaced,
 * and the director certificates of other hosts are revoked (superseded). With
 * {@code conpaas.ca.director-also-hosts} (a comma list, e.g. the address of the bridge container
 * nodes reach the gateway at) the certificate names those too; one that misses any is replaced.
 */
@Component
class DirectorCertificateFiles {

    static final String KEY = "director.key", CERTIFICATE = "director.pem", CA = "ca.pem";
    private static final Logger log = LoggerFactory.getLogger(DirectorCertificateFiles.class);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final DirectorCertificates directors;
    private final JdbcTemplate jdbc;
    private final String publicUrl;
    private final String directory;
    private final String alsoHosts;
    private final org.conpaas.cert.authority.CertificateAuthority authority;

    DirectorCertificateFiles(DirectorCertificates directors, JdbcTemplate jdbc, org.conpaas.cert.authority.CertificateAuthority authority,
                             @Value("${conpaas.public-url:}") String publicUrl, @Value("${conpaas.ca.director-dir:}") String directory,
                             @Value("${conpaas.ca.director-also-hosts:}") String alsoHosts) {
        this.alsoHosts = alsoHosts;
        this.directors = directors;
        this.jdbc = jdbc;
        this.authority = authority;
        this.publicUrl = publicUrl;
        this.directory = directory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        if (publicUrl.isBlank() || directory.isBlank()) {
            log.info("no conpaas.public-url / conpaas.ca.director-dir: the director certificate is not written to files");
            return;
        }
        String host = URI.create(publicUrl).getHost();
        if (host == null) {
            throw new IllegalStateException("conpaas.public-url '" + publicUrl + "' has no host: give e.g. https://conpaas.example.org");
        }
        DirectorHost director = DirectorHost.of(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        List<DirectorHost> also = java.util.Arrays.stream(alsoHosts.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .map(DirectorHost::of).toList();
        Path dir = Path.of(directory).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            // the root, and the intermediate when there is one: the gateway trusts client certificates by them
            write(dir.resolve(CA), authority.chainPem(), "rw-r--r--");
            if (current(dir, director, also)) {
                log.info("director certificate for {} in {} is valid", director.value(), dir);
                return;
            }
            IssuedCertificate issued = directors.issue(director, also, UserId.of("cert-service"));
            write(dir.resolve(KEY), issued.privateKeyPem(), "rw-------");
            write(dir.resolve(CERTIFICATE), issued.certificatePem() + issued.caChainPem(), "rw-r--r--");
            log.info("issued the director certificate {} for {}{} into {}", issued.serial(), director.value(),
                    also.isEmpty() ? "" : " (also " + also + ")", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the director certificate into " + dir, e);
        }
    }

    /** The file's certificate is for this host (and names the others), not near its end, and not revoked. */
    private boolean current(Path dir, DirectorHost host, List<DirectorHost> also) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CERTIFICATE)) || !Files.isRegularFile(dir.resolve(KEY))) {
            return false;
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(dir.resolve(CERTIFICATE))));
            String serial = certificate.getSerialNumber().toString(16).toUpperCase();
            List<String> alive = jdbc.queryForList(
                    "SELECT serial FROM certificate WHERE ltrim(upper(serial), '0') = ltrim(?, '0') AND role = 'director' AND host = ? AND revoked_at IS NULL",
                    String.class, serial, host.value());
            return !alive.isEmpty() && certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))
                    && namesAll(certificate, also);
        } catch (CertificateException e) {
            return false;
        }
    }

    private static boolean namesAll(X509Certificate certificate, List<DirectorHost> hosts) throws CertificateException {
        java.util.Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        java.util.Set<String> named = new java.util.HashSet<>();
        if (names != null) {
            // the JDK writes addresses its own way (IPv6 uncompressed): compare them as DirectorHost does
            names.forEach(n -> named.add(DirectorHost.of(String.valueOf(n.get(1))).value()));
        }
        return hosts.stream().allMatch(h -> named.contains(h.value()) || h.isAddress() && namesAddress(named, h.value()));
    }

    private static boolean namesAddress(java.util.Set<String> named, String address) {
        try {
            java.net.InetAddress wanted = java.net.InetAddress.getByName(address);
            for (String name : named) {
                if (name.matches("[0-9a-f:.]+") && java.net.InetAddress.getByName(name).equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void write(Path file, String content, String permissions) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".director-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
