package org.conpaas.provisioning.database;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scheduled backups: every {@code conpaas.database.backup-interval} (default a day) each mysql
 * service with a node in its cluster gets a backup archive made by one of its nodes, and only the
 * newest {@code conpaas.database.backup-keep} (default 7) of its backups are kept. Archives and loads
 * no node made within {@code conpaas.database.job-timeout} (default an hour) fail. One replica at a
 * time does this (a transaction-scoped advisory lock).
 */
@Component
class BackupSchedule {

    private static final long LOCK = 0x6d7973716c62L; // "mysqlb"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DatabaseArchives archives;
    private final DatabaseImports imports;
    private final Duration interval;
    private final int keep;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    BackupSchedule(JdbcTemplate jdbc, TransactionTemplate transactions, DatabaseArchives archives, DatabaseImports imports,
                   @Value("${conpaas.database.backup-interval:24h}") Duration interval,
                   @Value("${conpaas.database.backup-keep:7}") int keep,
                   @Value("${conpaas.database.job-timeout:1h}") Duration timeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.archives = archives;
        this.imports = imports;
        this.interval = interval;
        this.keep = Math.max(1, keep);
        this.timeout = timeout;
    }

    private record Service(String id, String applicationId, String ownerId) {
    }

    @Scheduled(initialDelayString = "${conpaas.database.backup-check:5s}", fixedDelayString = "${conpaas.database.backup-check:5s}")
    void run() {
        transactions.executeWithoutResult(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return;
            }
            Instant now = clock.instant();
            archives.failStale(now.minus(timeout), now);
            imports.failStale(now.minus(timeout), now);
            List<Service> services = jdbc.query("""
                    SELECT DISTINCT service_id, application_id, owner_id FROM node
                    WHERE service_type = 'mysql' AND state = 'RUNNING' AND db_member""",
                    (rs, n) -> new Service(rs.getString(1), rs.getString(2), rs.getString(3)));
            for (Service service : services) {
                Instant last = archives.lastBackup(service.id()).orElse(Instant.EPOCH);
                if (!last.plus(interval).isAfter(now)) {
                    archives.request(service.id(), service.applicationId(), service.ownerId(), DatabaseArchives.BACKUP, now);
                }
                archives.prune(service.id(), keep);
            }
        });
    }
}
