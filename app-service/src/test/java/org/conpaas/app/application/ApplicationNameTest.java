package org.conpaas.app.application;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationNameTest {

    @Test
    void trimsAndKeepsCaseButComparesWithout() {
        ApplicationName name = ApplicationName.of("  Web Shop ");
        assertThat(name.value()).isEqualTo("Web Shop");
        assertThat(name.key()).isEqualTo(ApplicationName.of("web shop").key());
    }

    @Test
    void acceptsOneToSixtyFourCharactersCountingCodePoints() {
        assertThat(ApplicationName.of("a").value()).isEqualTo("a");
        assertThat(ApplicationName.of("😀".repeat(64)).value()).hasSize(128);
    }

    @Test
    void refusesBlankLongAndControlCharacters() {
        assertThatThrownBy(() -> ApplicationName.of(null)).isInstanceOf(ApiException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> ApplicationName.of("   ")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ApplicationName.of("x".repeat(500)))
                .isInstanceOf(ApiException.class).hasMessage("name must be 1 to 64 characters, was 500");
        assertThatThrownBy(() -> ApplicationName.of("a\u0000b")).isInstanceOf(ApiException.class)
                .hasMessageContaining("control");
    }
}
