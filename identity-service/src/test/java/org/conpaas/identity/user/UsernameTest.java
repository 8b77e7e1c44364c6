package org.conpaas.identity.user;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsernameTest {

    @Test
    void lowerCasesAndTrims() {
        assertThat(Username.of("  Alice.B ").value()).isEqualTo("alice.b");
    }

    @Test
    void refusesWhatCannotBeAUsername() {
        for (String bad : new String[]{null, "", "ab", "-alice", "a".repeat(33), "al ice", "alïce", "alice'; drop"}) {
            assertThatThrownBy(() -> Username.of(bad)).as(String.valueOf(bad)).isInstanceOf(ApiException.class)
                    .hasMessageContaining("3 to 32 characters");
        }
    }
}
