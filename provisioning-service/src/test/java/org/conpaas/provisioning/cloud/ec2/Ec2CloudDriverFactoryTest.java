package org.conpaas.provisioning.cloud.ec2;

import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong ec2 settings are all named at once, before any call to AWS. */
class Ec2CloudDriverFactoryTest {

    private final Ec2CloudDriverFactory factory = new Ec2CloudDriverFactory();

    @Test
    void answersToDriverEc2() {
        assertThat(factory.driver()).isEqualTo("ec2");
    }

    @Test
    void namesEveryMissingSetting() {
        assertThatThrownBy(() -> factory.create("aws", "conpaas", Map.of()))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "region is required", "image-id is required", "instance-type is required"))
                .hasMessage("cloud 'aws': region is required; image-id is required; instance-type is required");
    }

    @Test
    void blankCountsAsMissing() {
        assertThatThrownBy(() -> factory.create("aws", "conpaas", Map.of("region", " ", "image-id", "", "instance-type", "t3.micro")))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "region is required", "image-id is required"));
    }

    @Test
    void namesEveryWrongSetting() {
        Map<String, String> wrong = Map.of("region", "Ireland", "image-id", "ubuntu-22.04", "instance-type", "tiny",
                "subnet-id", "net-1", "security-group-ids", "sg-0123456789abcdef0,default", "endpoint", "ec2 in ireland",
                "access-key-id", "AKIAIOSFODNN7EXAMPLE", "imageid", "ami-0abcdef1234567890");

        assertThatThrownBy(() -> factory.create("aws", "conpaas", wrong))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "region must look like eu-west-1, not 'Ireland'",
                        "image-id must look like ami-xxxxxxxx (8 or 17 hex digits), not 'ubuntu-22.04'",
                        "instance-type must look like t3.micro, not 'tiny'",
                        "subnet-id must look like subnet-xxxxxxxx, not 'net-1'",
                        "security-group-ids must be a comma list of sg-xxxxxxxx, not 'default'",
                        "endpoint must be an http(s) URL such as https://ec2.eu-west-1.amazonaws.com, not 'ec2 in ireland'",
                        "access-key-id and secret-access-key go together: set both, or neither to use the default AWS credentials",
                        "unknown settings [imageid] (known: [access-key-id, endpoint, image-id, instance-type, key-name, region, "
                                + "secret-access-key, security-group-ids, subnet-id])"));
    }

    @Test
    void theSecretNeverShowsInTheSettingsText() {
        Ec2Settings settings = Ec2Settings.from("aws", Map.of("region", "eu-west-1", "image-id", "ami-0abcdef1234567890",
                "instance-type", "t3.micro", "access-key-id", "AKIAIOSFODNN7EXAMPLE",
                "secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

        assertThat(settings.toString()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void rightSettingsMakeADriverWithoutCallingAws() {
        // with no keys given the SDK's default chain is used; it is only consulted at the first call
        assertThat(factory.create("aws", "conpaas", Map.of("region", "us-gov-west-1", "image-id", "ami-0abcdef1",
                "instance-type", "m5d.2xlarge", "security-group-ids", "sg-01234567", "subnet-id", "subnet-0123456789abcdef0")))
                .isNotNull();
    }
}
