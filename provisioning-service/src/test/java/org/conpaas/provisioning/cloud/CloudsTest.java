package org.conpaas.provisioning.cloud;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Clouds come from configuration; every wrong setting of every cloud is named at once, as a start-up report. */
class CloudsTest {

    private static final CloudDriverFactory FAKE_EC2 = new CloudDriverFactory() {
        @Override
        public String driver() {
            return "ec2";
        }

        @Override
        public CloudDriver create(String cloudName, String deployment, Map<String, String> settings) {
            throw new InvalidCloudSettingsException(cloudName, List.of("region is required"));
        }
    };

    @Test
    void namesEveryProblemOfEveryCloudAndTheDefault() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("conpaas.clouds.definitions.home.driver", "local")
                .withProperty("conpaas.clouds.definitions.aws.driver", "ec2")
                .withProperty("conpaas.clouds.definitions.one.driver", "openstack")
                .withProperty("conpaas.clouds.default", "mars");
        assertThatThrownBy(() -> new Clouds(env, List.of(localFactory(), FAKE_EC2)))
                .isInstanceOf(CloudConfigurationException.class)
                .satisfies(e -> assertThat(((CloudConfigurationException) e).problems()).containsExactlyInAnyOrder(
                        "conpaas.clouds.default is 'mars' but the clouds defined are [aws, home, one]",
                        "cloud 'aws': region is required",
                        "cloud 'home': node-agent-jar is required (the node-agent jar the local nodes run)",
                        "cloud 'one': driver must be one of [ec2, local], not 'openstack'"));
    }

    @Test
    void theStartUpReportListsTheProblemsAndWhatToDo() {
        FailureAnalysis analysis = new CloudConfigurationFailureAnalyzer().analyze(
                new IllegalStateException("wrapped", new CloudConfigurationException(List.of("cloud 'aws': region is required"))));
        assertThat(analysis.getDescription()).contains("cloud 'aws': region is required");
        assertThat(analysis.getAction()).contains("conpaas.clouds");
    }

    @Test
    void withoutDefinitionsThereIsOneLocalCloud() throws Exception {
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("node-agent", ".jar");
        MockEnvironment env = new MockEnvironment().withProperty("conpaas.clouds.definitions.local.driver", "local")
                .withProperty("conpaas.clouds.definitions.local.node-agent-jar", jar.toString());
        Clouds clouds = new Clouds(env, List.of(localFactory()));
        assertThat(clouds.defaultCloud()).isEqualTo("local");
        assertThat(clouds.kindOf("local")).isEqualTo("local");
        assertThatThrownBy(() -> clouds.resolve("mars")).hasMessageContaining("no cloud 'mars'");
    }

    private static CloudDriverFactory localFactory() {
        try {
            var constructor = Class.forName("org.conpaas.provisioning.cloud.local.LocalCloudDriverFactory").getDeclaredConstructor();
            constructor.setAccessible(true);
            return (CloudDriverFactory) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
