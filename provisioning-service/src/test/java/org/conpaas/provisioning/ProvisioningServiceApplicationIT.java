package org.conpaas.provisioning;

import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** provisioning-service boots on real PostgreSQL and RabbitMQ: healthy, event store migrated, and closed to callers without a token. */
@ServiceIntegrationTest
class ProvisioningServiceApplicationIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void bootsHealthyWithItsEventStoreAndRefusesAnonymousCalls() {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"UP\"");
        // the event store is migrated (other tests in this context may have stored events already)
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isNotNegative();
        ResponseEntity<String> anonymous = http.getForEntity("/api/anything", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }
}
