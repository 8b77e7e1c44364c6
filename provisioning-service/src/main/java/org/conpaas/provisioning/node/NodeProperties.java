package org.conpaas.provisioning.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * @param publicUrl        the director URL nodes call (the gateway's public URL)
 * @param caCertificateUrl where provisioning reads the CA certificate it hands to nodes (cert-service, internal)
 * @param enrollTimeout    a node that has not enrolled this long after its request is FAILED
 * @param runTimeout       an enrolled node whose agent does not report RUNNING within this is FAILED
 * @param heartbeatTimeout a running node silent this long is FAILED
 * @param enrollmentTokenValidity how long a node's one-time enrollment token may be used
 * @param watchInterval    how often timeouts, cloud states and orphans are checked
 */
@ConfigurationProperties("conpaas.nodes")
public record NodeProperties(@DefaultValue("https://127.0.0.1:8443") URI publicUrl,
                             @DefaultValue("http://127.0.0.1:18084/api/ca/certificate") URI caCertificateUrl,
                             @DefaultValue("10m") Duration enrollTimeout,
                             @DefaultValue("5m") Duration runTimeout,
                             @DefaultValue("60s") Duration heartbeatTimeout,
                             @DefaultValue("30m") Duration enrollmentTokenValidity,
                             @DefaultValue("5s") Duration watchInterval) {
}
