package org.conpaas.cert.certificate;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The CA's certificate revocation list: every revoked certificate that has not expired yet,
 * signed by the CA, numbered (CRLNumber), valid for {@code conpaas.ca.crl-validity}. A new one
 * is signed just before a transaction with revocations commits (once, however many it holds)
 * and, without revocations, once the newest is half-way to its nextUpdate. Only the newest is
 * kept in the {@code crl} table: a CRL supersedes every earlier one.
 *
 * <p>Signing is serialised across cert-service instances by a transaction-scoped advisory lock
 * taken before the number is drawn and the revoked certificates are read: two revocations
 * committing side by side would otherwise each sign a list without the other's certificate, and
 * the newer of the two would hide a revoked certificate until the next revocation.
 */
@Component
public class RevocationList {

    /** The advisory lock key that serialises CRL signing ("CRL" in ASCII). */
    static final long SIGNING_LOCK = 0x43524CL;

    private final CertificateAuthority authority;
    private final CaProperties properties;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RevocationList(CertificateAuthority authority, CaProperties properties, JdbcTemplate jdbc, Clock clock) {
        this.authority = authority;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The newest CRL (DER), signing a fresh one first when there is none or it is half-way to its nextUpdate. */
    @Transactional
    public byte[] current() {
        List<byte[]> fresh = jdbc.query("SELECT der FROM crl WHERE this_update > ? ORDER BY number DESC LIMIT 1",
                (rs, n) -> rs.getBytes("der"), Timestamp.from(clock.instant().minus(properties.crlValidity().dividedBy(2))));
        return fresh.isEmpty() ? reissue() : fresh.get(0);
    }

    /**
     * Has a new CRL signed just before the current transaction commits, so that it lists the
     * transaction's revocations; one CRL however often this is called in the transaction (a
     * replay of many revocations signs once per transaction, not once per revocation). Without
     * a transaction the CRL is signed at once.
     */
    public void reissueBeforeCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            reissue();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                reissue();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(RevocationList.this);
            }
        });
    }

    /**
     * Signs and stores a new CRL and drops the older ones; within a command's transaction it
     * includes that command's revocation, and it waits for any other signing to commit first.
     */
    @Transactional
    public byte[] reissue() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, SIGNING_LOCK);
        Instant now = clock.instant();
        Instant nextUpdate = now.plus(properties.crlValidity());
        Long number = jdbc.queryForObject("SELECT nextval('crl_number')", Long.class);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(authority.name(), Date.from(now)).setNextUpdate(Date.from(nextUpdate));
        jdbc.query("SELECT serial, revoked_at, revocation_reason FROM certificate WHERE revoked_at IS NOT NULL AND not_after > ? ORDER BY revoked_at",
                rs -> {
                    builder.addCRLEntry(new BigInteger(rs.getString("serial"), 16), rs.getTimestamp("revoked_at"),
                            RevocationReason.of(rs.getString("revocation_reason")).code());
                }, Timestamp.from(now));
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)))
                    .addExtension(Extension.authorityKeyIdentifier, false, authority.keyIdentifier());
            byte[] der = authority.sign(builder).getEncoded();
            jdbc.update("INSERT INTO crl (number, this_update, next_update, der) VALUES (?, ?, ?, ?)",
                    number, Timestamp.from(now), Timestamp.from(nextUpdate), der);
            jdbc.update("DELETE FROM crl WHERE number < ?", number);
            return der;
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
