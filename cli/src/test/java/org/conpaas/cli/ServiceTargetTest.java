package org.conpaas.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTargetTest {

    private final CommandLine.Model.CommandSpec spec = new CommandLine(CommandLine.Model.CommandSpec.create()).getCommandSpec();

    @Test
    void theScriptShapeAndTheShortShapeNameTheSameService() {
        assertThat(ServiceTarget.of(spec, "shop", List.of("web"), 0)).isEqualTo(new ServiceTarget("shop", "web", List.of()));
        assertThat(ServiceTarget.of(spec, null, List.of("shop", "web"), 0)).isEqualTo(new ServiceTarget("shop", "web", List.of()));
    }

    @Test
    void theCountComesFromTheOptionOrTheWordAfterTheServiceAndDefaultsToOne() {
        assertThat(ServiceTarget.of(spec, "shop", List.of("web"), 1).count(spec, 3)).isEqualTo(3);
        assertThat(ServiceTarget.of(spec, null, List.of("shop", "web", "2"), 1).count(spec, null)).isEqualTo(2);
        assertThat(ServiceTarget.of(spec, null, List.of("shop", "web"), 1).count(spec, null)).isEqualTo(1);
    }

    @Test
    void missingExtraOrWrongWordsAreUsageErrors() {
        assertThatThrownBy(() -> ServiceTarget.of(spec, null, List.of("shop"), 0))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--app APP NAME");
        assertThatThrownBy(() -> ServiceTarget.of(spec, "shop", List.of("web", "extra"), 0))
                .isInstanceOf(ParameterException.class).hasMessage("unexpected extra");
        assertThatThrownBy(() -> ServiceTarget.of(spec, "shop", List.of("web", "two"), 1).count(spec, null))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'two' is not a number");
        assertThatThrownBy(() -> ServiceTarget.of(spec, "shop", List.of("web", "2"), 1).count(spec, 2))
                .isInstanceOf(ParameterException.class).hasMessageContaining("once");
        assertThatThrownBy(() -> ServiceTarget.of(spec, "shop", List.of("web"), 1).count(spec, 0))
                .isInstanceOf(ParameterException.class).hasMessageContaining("at least 1");
    }
}
