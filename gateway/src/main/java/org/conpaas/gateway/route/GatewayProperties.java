package org.conpaas.gateway.route;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the services behind the gateway listen, and the gateway's limits.
 *
 * @param maxRequestSize the largest request body forwarded (413 beyond it)
 * @param maxUploadSize  the largest code archive forwarded (PUT /api/apps/{app}/services/{svc}/code)
 * @param healthTimeout  how long /api/platform/health waits for each service
 */
@Validated
@ConfigurationProperties("conpaas.gateway")
public record GatewayProperties(@NotNull @DefaultValue("http://127.0.0.1:18081") URI identity,
                                @NotNull @DefaultValue("http://127.0.0.1:18082") URI app,
                                @NotNull @DefaultValue("http://127.0.0.1:18083") URI vpn,
                                @NotNull @DefaultValue("http://127.0.0.1:18084") URI cert,
                                @NotNull @DefaultValue("http://127.0.0.1:18085") URI provisioning,
                                @DefaultValue("1MB") DataSize maxRequestSize,
                                @DefaultValue("100MB") DataSize maxUploadSize,
                                @DefaultValue("2s") Duration healthTimeout) {

    /** Each service by its name, in a stable order. */
    public Map<String, URI> services() {
        Map<String, URI> all = new LinkedHashMap<>();
        all.put("identity", identity);
        all.put("app", app);
        all.put("vpn", vpn);
        all.put("cert", cert);
        all.put("provisioning", provisioning);
        return all;
    }
}
