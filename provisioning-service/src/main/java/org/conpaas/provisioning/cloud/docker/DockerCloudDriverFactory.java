package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudDriverFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;

/**
 * {@code driver=docker}: nodes are containers of the node image on a Docker engine. Settings:
 * {@code host} (default {@code unix:///var/run/docker.sock}; {@code tcp://host:port} needs
 * {@code tls-cert-path}), {@code image}, {@code network}, {@code subnet}, {@code cpus},
 * {@code memory} (MB), {@code director-url} (docs/clouds.md).
 */
@Component
class DockerCloudDriverFactory implements CloudDriverFactory {

    @Override
    public String driver() {
        return "docker";
    }

    @Override
    public CloudDriver create(String cloudName, String deployment, Map<String, String> settings) {
        DockerSettings docker = DockerSettings.from(cloudName, settings);
        return new DockerCloudDriver(client(docker), deployment, docker);
    }

    static DockerClient client(DockerSettings settings) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host().toString())
                .withDockerTlsVerify(settings.tlsCertPath() != null);
        if (settings.tlsCertPath() != null) {
            config.withDockerCertPath(settings.tlsCertPath().toString());
        }
        DefaultDockerClientConfig built = config.build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .maxConnections(20)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(built, http);
    }
}
