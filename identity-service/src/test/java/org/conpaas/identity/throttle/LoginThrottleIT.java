package org.conpaas.identity.throttle;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.BusProbe;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.conpaas.kit.test.ApiCalls.assertProblem;

/**
 * Failed logins are throttled per username and per client address (as the gateway forwards it),
 * with a short window so that the refusals can be seen to end.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "conpaas.identity.admin.password=admin-secret-123",
        "conpaas.identity.login-throttle.max-failures-per-username=3",
        "conpaas.identity.login-throttle.max-failures-per-address=6",
        "conpaas.identity.login-throttle.first-delay=1s",
        "conpaas.identity.login-throttle.window=4s"})
class LoginThrottleIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    @Test
    void failuresForAUsernameAreRefusedWithRetryAfterUntilTheDelayPassesAndTheDelayGrows() throws Exception {
        addUser("gina");
        try (BusProbe bus = new BusProbe(rabbit, codec, exchange, "user.login-throttled")) {
            for (int i = 0; i < 3; i++) {
                assertProblem(login("gina", "wrong-password", "198.51.100." + i), HttpStatus.UNAUTHORIZED, "wrong username or password");
            }
            ResponseEntity<String> refused = login("gina", "gina-secret-1", "198.51.100.9");
            assertProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "too many failed logins");
            assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(bus.receive(1, b -> b.contains("\"throttledBy\":\"username\"") && b.contains("\"username\":\"gina\"")).get(0))
                    .contains("\"failures\":3").contains("\"retryAfterSeconds\":1");

            // the delay passes: the next failure counts again and doubles the delay
            await().atMost(WITHIN).until(() -> login("gina", "wrong-password", "198.51.100.1").getStatusCode() == HttpStatus.UNAUTHORIZED);
            ResponseEntity<String> again = login("gina", "gina-secret-1", "198.51.100.9");
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(again.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");

            await().atMost(WITHIN).until(() -> login("gina", "gina-secret-1", "198.51.100.9").getStatusCode() == HttpStatus.OK);
        }
        // the success forgot gina's failures: two more do not lock her out
        login("gina", "wrong-password", "198.51.100.1");
        login("gina", "wrong-password", "198.51.100.1");
        assertThat(login("gina", "gina-secret-1", "198.51.100.9").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void failuresFromOneAddressAreRefusedForEveryUsernameFromThereOnly() throws Exception {
        addUser("hank");
        for (int i = 0; i < 6; i++) {
            assertProblem(login("nobody-" + i, "wrong-password", "203.0.113.7"), HttpStatus.UNAUTHORIZED, "wrong username or password");
        }
        assertProblem(login("hank", "hank-secret-1", "203.0.113.7"), HttpStatus.TOO_MANY_REQUESTS, "from your address");
        // the gateway appends the client it saw: an X-Forwarded-For the client made up itself does not help
        assertThat(login("hank", "hank-secret-1", "10.9.9.9, 203.0.113.7").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(login("hank", "hank-secret-1", "203.0.113.8").getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(WITHIN).until(() -> login("hank", "hank-secret-1", "203.0.113.7").getStatusCode() == HttpStatus.OK);
    }

    @Test
    void aPasswordTooLongForBcryptIsAFailedLoginNotAnError() {
        String tooLong = "é".repeat(72);
        assertProblem(login("ivan", tooLong, "192.0.2.44"), HttpStatus.UNAUTHORIZED, "wrong username or password");
    }

    private void addUser(String name) throws Exception {
        ResponseEntity<String> token = login("admin", "admin-secret-123", "192.0.2.1");
        String admin = new ObjectMapper().readTree(token.getBody()).get("accessToken").asText();
        ResponseEntity<String> added = ApiCalls.call(http, HttpMethod.POST, "/api/users", admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + name + "-secret-1\"}");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    /** A login as the gateway forwards it: from 127.0.0.1 (a trusted proxy) with the client's X-Forwarded-For. */
    private ResponseEntity<String> login(String username, String password, String forwardedFor) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Forwarded-For", forwardedFor);
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        return http.exchange("/api/auth/login", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
