package org.conpaas.identity.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.IdentityServiceApplication;
import org.conpaas.identity.user.api.RegisterUserCommand;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The administrator with a generated password, made once: a second instance on the same database
 * (a restart, or a scaled-out replica) finds it and the signing key, and a registration that
 * slips past the username check is rolled back by the read model's unique constraint.
 */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "conpaas.identity.admin.password=",
        "conpaas.identity.admin.password-file=${java.io.tmpdir}/conpaas-identity-bootstrap-it/admin-password"})
class AdminBootstrapIT {

    private static final Path PASSWORD_FILE =
            Path.of(System.getProperty("java.io.tmpdir"), "conpaas-identity-bootstrap-it", "admin-password");

    @Autowired
    TestRestTemplate http;
    @Autowired
    Environment environment;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    @Test
    void generatesThePasswordOnceAndASecondInstanceKeepsTheAdministratorAndTheKey(CapturedOutput output) throws Exception {
        String password = Files.readString(PASSWORD_FILE).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(output.getOut()).contains("ConPaaS administrator created (shown only this once)").contains(password);
        ResponseEntity<String> login = login(http, password);
        assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);

        String jwks = http.getForEntity("/.well-known/jwks.json", String.class).getBody();
        long events = count("domain_event_entry");
        var written = Files.getLastModifiedTime(PASSWORD_FILE);

        try (ConfigurableApplicationContext second = secondInstance()) {
            TestRestTemplate secondHttp = new TestRestTemplate();
            String base = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
            assertThat(secondHttp.getForEntity(base + "/.well-known/jwks.json", String.class).getBody())
                    .as("the same signing key").isEqualTo(jwks);
            ResponseEntity<String> again = ApiCalls.call(secondHttp, HttpMethod.POST, base + "/api/auth/login", null, body(password));
            assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.OK);
            String token = new ObjectMapper().readTree(again.getBody()).get("accessToken").asText();
            assertThat(ApiCalls.call(http, HttpMethod.GET, "/api/me", token, null).getStatusCode())
                    .as("a token of the second instance is good at the first").isEqualTo(HttpStatus.OK);
        }
        assertThat(count("domain_event_entry")).as("the second start registered nobody").isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE role = 'admin'", Long.class)).isEqualTo(1);
        assertThat(count("signing_key")).isEqualTo(1);
        assertThat(Files.readString(PASSWORD_FILE).strip()).isEqualTo(password);
        assertThat(Files.getLastModifiedTime(PASSWORD_FILE)).isEqualTo(written);
    }

    @Test
    void aUsernameTakenMeanwhileRollsTheSecondRegistrationBack() {
        long events = count("domain_event_entry");
        UserId intruder = UserId.random();
        // straight to the aggregate, past Registration's check, as a racing second instance would get
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterUserCommand(intruder, Username.of("admin"), null, null,
                Role.ADMIN, 50, 1000, null)))
                .hasStackTraceContaining("users_username_key");
        assertThat(count("domain_event_entry")).as("no event stored for the refused registration").isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE id = ?", Long.class, intruder.value())).isZero();
    }

    private ConfigurableApplicationContext secondInstance() {
        // command-line arguments, so they win over application.yml (server.port 18081 may be taken)
        Stream<String> own = Stream.of("--server.port=0", "--conpaas.identity.admin.password=");
        String[] args = Stream.concat(own, Stream.of("spring.datasource.url", "spring.datasource.username",
                        "spring.datasource.password", "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username", "spring.rabbitmq.password",
                        "conpaas.bus.exchange", "conpaas.identity.admin.password-file")
                .map(key -> "--" + key + "=" + environment.getProperty(key, "")))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(IdentityServiceApplication.class).run(args);
    }

    private long count(String table) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    private static ResponseEntity<String> login(TestRestTemplate http, String password) {
        return ApiCalls.call(http, HttpMethod.POST, "/api/auth/login", null, body(password));
    }

    private static String body(String password) {
        return "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
    }
}
