package org.conpaas.provisioning.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param period           a running node is charged at the start of every period (ConPaaS 1.x: each hour started)
 * @param creditsPerPeriod what one node costs per period
 */
@ConfigurationProperties("conpaas.billing")
public record BillingProperties(@DefaultValue("1h") Duration period, @DefaultValue("1") long creditsPerPeriod) {
}
