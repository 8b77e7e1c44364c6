package org.conpaas.identity.user;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleTest {

    @Test
    void parsesTheApiNamesAndDefaultsToUser() {
        assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
        assertThat(Role.parse(" User ")).isEqualTo(Role.USER);
        assertThat(Role.parse(null)).isEqualTo(Role.USER);
        assertThat(Role.parse("")).isEqualTo(Role.USER);
        assertThat(Role.ADMIN.claim()).isEqualTo("admin");
    }

    @Test
    void refusesAnythingElseWithA400() {
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(ApiException.class)
                .hasMessage("role must be 'user' or 'admin', was 'root'")
                .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(400));
    }
}
