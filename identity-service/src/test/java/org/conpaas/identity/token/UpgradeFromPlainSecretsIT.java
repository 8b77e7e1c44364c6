package org.conpaas.identity.token;

import org.conpaas.identity.user.IdentityProperties;
import org.conpaas.kit.test.RealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An install from before secrets at rest (schema V4: plain PKCS#8 signing key, bcrypt hashes in
 * the users table and in UserRegistered/PasswordChanged payloads) is upgraded: V6 moves the hash
 * into the credential store and out of the events; the next start encrypts the key, same key id.
 */
class UpgradeFromPlainSecretsIT {

    private static final String HASH = "$2a$10$0123456789012345678901uLd9N7q1wq3zH0Xzv9hZ1b6yQ3QZ0eK";
    private static final String NEWER_HASH = "$2a$10$9876543210987654321098uLd9N7q1wq3zH0Xzv9hZ1b6yQ3QZ0eK";

    @Test
    void theV6MigrationAndTheNextStartLeaveNoSecretInTheClear() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        DriverManagerDataSource db = new DriverManagerDataSource(infra.newDatabase("identity_upgrade"), infra.dbUser(), infra.dbPassword());
        Flyway.configure().dataSource(db).locations("classpath:db/kit", "classpath:db/migration").target("4").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        KeyPair old = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        jdbc.update("INSERT INTO signing_key (id, private_key, public_key) VALUES ('old-kid', ?, ?)",
                old.getPrivate().getEncoded(), old.getPublic().getEncoded());
        jdbc.update("INSERT INTO users (id, username, password_hash, role, credit, enabled, created_at) "
                + "VALUES ('u-olga', 'olga', ?, 'user', 5, true, now())", NEWER_HASH);
        storeEvent(jdbc, 0, "UserRegistered", "{\"userId\":\"u-olga\",\"username\":\"olga\",\"email\":null,\"affiliation\":null,"
                + "\"passwordHash\":\"" + HASH + "\",\"role\":\"USER\",\"credit\":5,\"maxCredit\":1000,\"externalId\":null}");
        storeEvent(jdbc, 1, "PasswordChanged", "{\"userId\":\"u-olga\",\"passwordHash\":\"" + NEWER_HASH + "\"}");

        Flyway.configure().dataSource(db).locations("classpath:db/kit", "classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForObject("SELECT password_hash FROM credential WHERE user_id = 'u-olga'", String.class)).isEqualTo(NEWER_HASH);
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry ORDER BY sequence_number", String.class))
                .hasSize(2).noneMatch(p -> p.contains("$2a$") || p.contains("passwordHash"))
                .first().asString().contains("\"username\": \"olga\"");

        var identity = new IdentityProperties(new IdentityProperties.Admin("admin", "", ""), 50, 1000,
                new IdentityProperties.Token(Duration.ofMinutes(15), Duration.ofHours(12)));
        SigningKeys keys = new SigningKeys(jdbc, new SigningKeyProperties("upgrade-test-passphrase", Duration.ofSeconds(60)), identity);

        assertThat(keys.signingKey().getKeyID()).isEqualTo("old-kid");
        assertThat(keys.signingKey().toRSAPrivateKey().getEncoded()).isEqualTo(old.getPrivate().getEncoded());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE private_key IS NOT NULL", Integer.class)).isZero();
        byte[] encrypted = jdbc.queryForObject("SELECT encrypted_private_key FROM signing_key WHERE id = 'old-kid'", byte[].class);
        assertThat(Arrays.equals(encrypted, old.getPrivate().getEncoded())).isFalse();

        // a second start (another instance) reads the encrypted key; a wrong passphrase stops it, saying why
        assertThat(new SigningKeys(jdbc, new SigningKeyProperties("upgrade-test-passphrase", Duration.ofSeconds(60)), identity)
                .signingKey().getKeyID()).isEqualTo("old-kid");
        assertThatThrownBy(() -> new SigningKeys(jdbc, new SigningKeyProperties("another-passphrase-here", Duration.ofSeconds(60)), identity))
                .hasMessageContaining("conpaas.identity.signing-key.passphrase is not the one it was encrypted with");
    }

    private static void storeEvent(JdbcTemplate jdbc, long sequence, String type, String payload) {
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp, aggregate_identifier, "
                        + "sequence_number, type) VALUES (?, ?, ?, '2026-01-01T00:00:00Z', 'u-olga', ?, 'User')",
                "e-" + sequence, payload.getBytes(StandardCharsets.UTF_8), "org.conpaas.identity.user.api." + type, sequence);
    }
}
