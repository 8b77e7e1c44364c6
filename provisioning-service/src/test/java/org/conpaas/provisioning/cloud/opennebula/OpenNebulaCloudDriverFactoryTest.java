package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudConfigurationException;
import org.conpaas.provisioning.cloud.CloudDriverFactory;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong opennebula settings are all named at once, before any call to oned. */
class OpenNebulaCloudDriverFactoryTest {

    private final OpenNebulaCloudDriverFactory factory = new OpenNebulaCloudDriverFactory();

    @TempDir
    Path dir;

    @Test
    void answersToDriverOpennebula() {
        assertThat(factory.driver()).isEqualTo("opennebula");
    }

    @Test
    void namesEveryMissingSetting() {
        assertThatThrownBy(() -> factory.create("one", "conpaas", Map.of()))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "endpoint is required (oned's XML-RPC URL, e.g. http://one.example.org:2633/RPC2)",
                        "credentials (user:password) or credentials-file (a file holding user:password, like ~/.one/one_auth)"
                                + " is required",
                        "template-id or image-id is required (the VM template, or the image with cpu, memory and network-id)"))
                .hasMessageStartingWith("cloud 'one': endpoint is required");
    }

    @Test
    void anImageNeedsANetwork() {
        assertThatThrownBy(() -> factory.create("one", "conpaas", Map.of("endpoint", "http://one:2633/RPC2",
                "credentials", "conpaas:pw", "image-id", "12", "network-id", " ")))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "network-id is required with image-id (the virtual network of the node's NIC)"));
    }

    @Test
    void namesEveryWrongSetting() {
        Map<String, String> wrong = Map.ofEntries(Map.entry("endpoint", "one.example.org:2633"),
                Map.entry("credentials", "conpaas"), Map.entry("template-id", "ubuntu"), Map.entry("image-id", "-1"),
                Map.entry("network-id", "3a"), Map.entry("cpu", "half"), Map.entry("vcpu", "0"), Map.entry("memory", "1G"),
                Map.entry("name-prefix", "my nodes"), Map.entry("bootstrap", "ansible"), Map.entry("templateid", "7"));

        assertThatThrownBy(() -> factory.create("one", "conpaas", wrong))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "endpoint must be an http(s) URL without credentials such as http://one.example.org:2633/RPC2,"
                                + " not 'one.example.org:2633'",
                        "credentials must look like user:password",
                        "template-id must be an OpenNebula id (0 or more), not 'ubuntu'",
                        "image-id must be an OpenNebula id (0 or more), not '-1'",
                        "network-id must be an OpenNebula id (0 or more), not '3a'",
                        "template-id and image-id exclude each other: set one",
                        "cpu must be a positive number such as 1 or 0.5, not 'half'",
                        "vcpu must be a whole number above 0, not '0'",
                        "memory must be a whole number above 0 (MB), not '1G'",
                        "name-prefix must be letters, digits, '.', '_' or '-', not 'my nodes'",
                        "bootstrap must be start-script or cloud-init, not 'ansible'",
                        "unknown settings [templateid] (known: [bootstrap, cpu, credentials, credentials-file, endpoint, image-id,"
                                + " memory, name-prefix, network-id, template-id, vcpu])"));
    }

    @Test
    void credentialsComeFromConfigurationOrAFileNotBoth() throws IOException {
        Path auth = Files.writeString(dir.resolve("one_auth"), "\nconpaas:from-file-pw\n");
        Map<String, String> base = Map.of("endpoint", "https://one.example.org/RPC2", "template-id", "7");

        OpenNebulaSettings fromFile = OpenNebulaSettings.from("one", with(base, "credentials-file", auth.toString()));
        assertThat(fromFile.session()).isEqualTo("conpaas:from-file-pw");
        assertThat(fromFile.user()).isEqualTo("conpaas");
        assertThat(fromFile.cpu()).isNull();
        assertThat(fromFile.memory()).isNull();

        assertThatThrownBy(() -> OpenNebulaSettings.from("one", with(with(base, "credentials-file", auth.toString()),
                "credentials", "conpaas:pw")))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("credentials and credentials-file exclude each other: set one"));
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> OpenNebulaSettings.from("one", with(base, "credentials-file", missing.toString())))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("credentials-file " + missing + " cannot be read (NoSuchFileException)"));
        Path empty = Files.writeString(dir.resolve("empty"), "conpaas\n");
        assertThatThrownBy(() -> OpenNebulaSettings.from("one", with(base, "credentials-file", empty.toString())))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("credentials-file " + empty + " must hold user:password on its first line"));
    }

    @Test
    void thePasswordNeverShowsInTheSettingsText() {
        OpenNebulaSettings settings = OpenNebulaSettings.from("one", Map.of("endpoint", "http://one:2633/RPC2",
                "credentials", "conpaas:s3cr3t-Pa55", "image-id", "12", "network-id", "3"));

        assertThat(settings.toString()).doesNotContain("s3cr3t").contains("user=conpaas", "image-id=12");
        assertThat(settings.cpu()).isEqualTo("1");
        assertThat(settings.vcpu()).isEqualTo(1);
        assertThat(settings.memory()).isEqualTo(1024);
        assertThat(settings.namePrefix()).isEqualTo("conpaas");
        assertThat(settings.bootstrap()).isEqualTo(OpenNebulaSettings.Bootstrap.START_SCRIPT);
    }

    @Test
    void severalCloudsAtOnceEachWithItsDriverAndEveryProblemNamedTogether() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("conpaas.clouds.definitions.aws.driver", "ec2")
                .withProperty("conpaas.clouds.definitions.aws.region", "eu-west-1")
                .withProperty("conpaas.clouds.definitions.aws.image-id", "ami-0abcdef1234567890")
                .withProperty("conpaas.clouds.definitions.aws.instance-type", "t3.micro")
                .withProperty("conpaas.clouds.definitions.one.driver", "opennebula")
                .withProperty("conpaas.clouds.definitions.one.endpoint", "http://one.example.org:2633/RPC2")
                .withProperty("conpaas.clouds.definitions.one.credentials", "conpaas:pw")
                .withProperty("conpaas.clouds.definitions.one.template-id", "7")
                .withProperty("conpaas.clouds.definitions.one-small.driver", "opennebula")
                .withProperty("conpaas.clouds.definitions.one-small.endpoint", "http://one.example.org:2633/RPC2")
                .withProperty("conpaas.clouds.definitions.one-small.credentials", "conpaas:pw")
                .withProperty("conpaas.clouds.definitions.one-small.image-id", "12")
                .withProperty("conpaas.clouds.definitions.one-small.network-id", "3")
                .withProperty("conpaas.clouds.definitions.one-small.memory", "512")
                .withProperty("conpaas.clouds.default", "one");

        Clouds clouds = new Clouds(env, List.of(factory, ec2Factory()));

        assertThat(clouds.defaultCloud()).isEqualTo("one");
        assertThat(clouds.all()).containsOnlyKeys("aws", "one", "one-small");
        assertThat(List.of(clouds.kindOf("aws"), clouds.kindOf("one"), clouds.kindOf("one-small")))
                .containsExactly("ec2", "opennebula", "opennebula");

        env.setProperty("conpaas.clouds.definitions.one.template-id", "");
        env.setProperty("conpaas.clouds.definitions.one-small.endpoint", "one.example.org");
        assertThatThrownBy(() -> new Clouds(env, List.of(factory, ec2Factory())))
                .isInstanceOfSatisfying(CloudConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "cloud 'one': template-id or image-id is required (the VM template, or the image with cpu, memory and"
                                + " network-id)",
                        "cloud 'one-small': endpoint must be an http(s) URL without credentials such as"
                                + " http://one.example.org:2633/RPC2, not 'one.example.org'"));
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(settings);
        more.put(key, value);
        return more;
    }

    private static CloudDriverFactory ec2Factory() {
        try {
            var constructor = Class.forName("org.conpaas.provisioning.cloud.ec2.Ec2CloudDriverFactory").getDeclaredConstructor();
            constructor.setAccessible(true);
            return (CloudDriverFactory) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
