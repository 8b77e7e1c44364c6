package org.conpaas.identity.sso;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReturnToTest {

    @Test
    void theDashboardOrALoopbackPortOnly() {
        assertThat(ReturnTo.check(null)).isEqualTo("/");
        assertThat(ReturnTo.check("/")).isEqualTo("/");
        assertThat(ReturnTo.check("http://127.0.0.1:5123/cb")).isEqualTo("http://127.0.0.1:5123/cb");
        for (String elsewhere : new String[]{"https://evil.example/", "//evil.example/", "/other-page", "http://127.0.0.1/no-port",
                "http://localhost:5123/", "http://127.0.0.1.evil.example:80/", "http://user@127.0.0.1:5123/",
                "https://127.0.0.1:5123/", "http://127.0.0.1:5123/#frag", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> ReturnTo.check(elsewhere)).as(elsewhere).isInstanceOf(ApiException.class)
                    .hasMessageContaining("loopback");
        }
    }

    @Test
    void theCodeIsAddedAsAQueryParameter() {
        assertThat(ReturnTo.withCode("/", "abc")).isEqualTo("/?sso_code=abc");
        assertThat(ReturnTo.withCode("http://127.0.0.1:5123/cb?x=1", "abc")).isEqualTo("http://127.0.0.1:5123/cb?x=1&sso_code=abc");
    }

    @Test
    void pkceChallengeIsS256OfTheVerifier() {
        // base64url(sha256(verifier)) without padding, as computed independently (Python hashlib)
        assertThat(PendingLogins.challenge("dBjftJeZ4CVP-mJ92K1gjCjO7aoIzf2B5bFwJ0-pfE8"))
                .isEqualTo("mBVUGRXPgBMk3pGqSLHF8Pw0E9A3QLo-ovQjVnyOwXo");
    }
}
