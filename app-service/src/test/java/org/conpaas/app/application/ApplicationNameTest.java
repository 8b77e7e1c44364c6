package org.conpaas.app.application;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationNameTest {

    @Test
    void keepsCaseButComparesWithout() {
        ApplicationName name = ApplicationName.of("Web Shop");
        assertThat(name.value()).isEqualTo("Web Shop");
        assertThat(name.key()).isEqualTo(ApplicationName.of("web shop").key());
    }

    @Test
    void isNormalisedToNfcSoLookAlikesCollide() {
        assertThat(ApplicationName.of("cafe\u0301").value()).isEqualTo("caf\u00E9");
        assertThat(ApplicationName.of("CAFE\u0301").key()).isEqualTo(ApplicationName.of("caf\u00E9").key());
        assertThat(ApplicationName.of("e\u0301".repeat(64)).value()).hasSize(64);
    }

    @Test
    void refusesWhitespaceAtEitherEnd() {
        for (String name : new String[]{" shop", "shop ", "\u00A0shop", "shop\u3000", "\tshop"}) {
            assertThatThrownBy(() -> ApplicationName.of(name)).as(name).isInstanceOf(ApiException.class)
                    .hasMessage("name must not start or end with whitespace");
        }
        assertThat(ApplicationName.of("web shop").value()).isEqualTo("web shop");
    }

    @Test
    void refusesBidiControlsAndZeroWidthCharacters() {
        for (int c : new int[]{0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertThatThrownBy(() -> ApplicationName.of("a" + Character.toString(c) + "b")).as("U+%04X", c)
                    .hasMessageContaining("bidirectional control characters");
        }
        for (int c : new int[]{0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}) {
            assertThatThrownBy(() -> ApplicationName.of("a" + Character.toString(c) + "b")).as("U+%04X", c)
                    .hasMessageContaining("zero-width characters");
        }
        assertThatThrownBy(() -> ApplicationName.of("a\u0085b")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> ApplicationName.of("a\uD800b")).hasMessageContaining("lone surrogate");
    }

    @Test
    void storedNamesFromBeforeTheRulesStillHaveAKey() {
        assertThat(ApplicationName.keyOf("Sh\u200Bop")).isEqualTo("sh\u200Bop");
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
