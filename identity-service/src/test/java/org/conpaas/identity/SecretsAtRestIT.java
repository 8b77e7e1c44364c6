package org.conpaas.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.conpaas.identity.token.SigningKeys;
import org.conpaas.identity.user.Registration;
import org.conpaas.identity.user.api.UserRegistered;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What identity-service keeps at rest holds no usable secret: no password hash in an event, no plain signing key. */
@ServiceIntegrationTest
@TestPropertySource(properties = "conpaas.identity.admin.password=admin-secret-123")
class SecretsAtRestIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Registration registration;
    @Autowired
    SigningKeys keys;
    @Autowired
    Serializer serializer;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void noEventPayloadHoldsAPasswordHashAndLoginStillWorks() throws Exception {
        String admin = login("admin", "admin-secret-123");
        ResponseEntity<String> added = ApiCalls.call(http, HttpMethod.POST, "/api/users", admin,
                "{\"username\":\"carol\",\"password\":\"carol-secret-1\"}");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        String carol = json.readTree(added.getBody()).get("id").asText();
        registration.changePassword(org.conpaas.contracts.id.UserId.of(carol), "carol-secret-2");

        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "UNION ALL SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry", String.class);
        assertThat(payloads).anySatisfy(p -> assertThat(p).contains("\"username\":\"carol\""))
                .noneMatch(p -> p.contains("$2a$") || p.contains("$2b$") || p.contains("$2y$") || p.contains("passwordHash"));
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, carol))
                .contains(UserRegistered.class.getName(), "org.conpaas.identity.user.api.PasswordChanged");
        assertThat(jdbc.queryForObject("SELECT password_hash FROM credential WHERE user_id = ?", String.class, carol)).startsWith("$2a$");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name LIKE '%password%'", Integer.class)).isZero();

        assertThat(loginAnswer("carol", "carol-secret-1").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        login("carol", "carol-secret-2");

        // the hash is purgeable: with the user's row it goes, and nothing of it is left in the store
        jdbc.update("DELETE FROM refresh_token WHERE user_id = ?", carol);
        jdbc.update("DELETE FROM users WHERE id = ?", carol);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credential WHERE user_id = ?", Integer.class, carol)).isZero();
        assertThat(loginAnswer("carol", "carol-secret-2").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theSigningKeyIsStoredEncrypted() throws Exception {
        byte[] privateKey = keys.signingKey().toRSAPrivateKey().getEncoded();
        List<byte[]> stored = jdbc.query("SELECT encrypted_private_key FROM signing_key WHERE private_key IS NULL",
                (rs, n) -> rs.getBytes(1));
        assertThat(stored).isNotEmpty().allSatisfy(blob -> assertThat(indexOf(blob, java.util.Arrays.copyOfRange(privateKey, 40, 80)))
                .as("no piece of the private key in the clear").isEqualTo(-1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE private_key IS NOT NULL", Integer.class)).isZero();
    }

    /** An event stored by an install from before (hash in its payload) still loads, the hash ignored. */
    @Test
    void anEventOfAnInstallFromBeforeStillLoads() {
        String old = "{\"userId\":\"u-old\",\"username\":\"olga\",\"email\":null,\"affiliation\":null,"
                + "\"passwordHash\":\"$2a$10$abcdefghijklmnopqrstuv\",\"role\":\"USER\",\"credit\":5,\"maxCredit\":1000,\"externalId\":null}";
        UserRegistered read = serializer.deserialize(new SimpleSerializedObject<>(old.getBytes(StandardCharsets.UTF_8), byte[].class,
                UserRegistered.class.getName(), null));
        assertThat(read.username()).isEqualTo("olga");
        assertThat(read.credit()).isEqualTo(5);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String login(String user, String password) throws Exception {
        ResponseEntity<String> answer = loginAnswer(user, password);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody()).get("accessToken").asText();
    }

    private ResponseEntity<String> loginAnswer(String user, String password) {
        return ApiCalls.call(http, HttpMethod.POST, "/api/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }
}
