package org.conpaas.cert.authority;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * Loads (or on first start creates) the CA and checks it is the one this database knows: a CA
 * directory swapped or lost beside a database full of certificates would silently invalidate
 * them all, so the service refuses to start instead.
 */
@Configuration
@EnableConfigurationProperties(CaProperties.class)
class AuthorityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CertificateAuthority certificateAuthority(CaProperties properties, Clock clock, JdbcTemplate jdbc) {
        CertificateAuthority authority = CertificateAuthority.loadOrCreate(properties, clock);
        jdbc.update("INSERT INTO certificate_authority (id, fingerprint, certificate_pem) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
                authority.fingerprint(), authority.certificatePem());
        String known = jdbc.queryForObject("SELECT fingerprint FROM certificate_authority WHERE id = 1", String.class);
        if (!authority.fingerprint().equals(known)) {
            throw new IllegalStateException("the CA in " + properties.dataDir().toAbsolutePath() + " (SHA-256 " + authority.fingerprint()
                    + ") is not the CA this database issued certificates with (SHA-256 " + known
                    + "); restore that CA's directory, or point conpaas.ca.data-dir at it");
        }
        return authority;
    }
}
