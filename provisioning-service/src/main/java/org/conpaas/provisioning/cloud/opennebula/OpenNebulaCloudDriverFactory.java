package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudDriverFactory;
import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * {@code driver=opennebula}. Settings: {@code endpoint}, {@code credentials} or
 * {@code credentials-file}, {@code template-id} or {@code image-id} (with {@code network-id});
 * {@code cpu}, {@code vcpu}, {@code memory}, {@code name-prefix}, {@code bootstrap} (docs/clouds.md).
 */
@Component
class OpenNebulaCloudDriverFactory implements CloudDriverFactory {

    /** VMs per one.vmpool.infoextended page: extended VM bodies are a few KB each */
    static final int PAGE_SIZE = 100;

    private final OneRpc.Backoff backoff;
    private final int pageSize;

    OpenNebulaCloudDriverFactory() {
        this(OneRpc.Backoff.DEFAULT, PAGE_SIZE);
    }

    /** Tests retry at once and page in twos: they check which calls are made, not how long apart. */
    OpenNebulaCloudDriverFactory(OneRpc.Backoff backoff, int pageSize) {
        this.backoff = backoff;
        this.pageSize = pageSize;
    }

    @Override
    public String driver() {
        return "opennebula";
    }

    @Override
    public CloudDriver create(String cloudName, String deployment, Map<String, String> settings) {
        OpenNebulaSettings one = OpenNebulaSettings.from(cloudName, settings);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new OpenNebulaCloudDriver(new OneRpc(http, one.endpoint(), one.session(), Duration.ofSeconds(60), backoff),
                deployment, one, pageSize);
    }
}
