package org.conpaas.app.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param maxPerApplication  services an application may hold: 2^VPN_SERVICE_BITS (one subnet each), 32 with the defaults
 * @param maxNodesPerRequest nodes one start or add may ask for
 * @param transitionTimeout  how long a start, scaling or stop may take before the service goes to ERROR
 */
@ConfigurationProperties("conpaas.services.limits")
public record ServiceLimits(@DefaultValue("32") int maxPerApplication, @DefaultValue("100") int maxNodesPerRequest,
                           @DefaultValue("10m") Duration transitionTimeout) {
}
