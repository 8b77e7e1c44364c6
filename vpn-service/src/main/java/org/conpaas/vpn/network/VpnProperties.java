package org.conpaas.vpn.network;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The address space every application's network is cut from (ConPaaS 1.x: VPN_BASE_NETWORK,
 * VPN_NETMASK, VPN_SERVICE_BITS). Checked at start-up by {@link VpnPlan}.
 */
@Validated
@ConfigurationProperties("conpaas.vpn")
public record VpnProperties(@NotBlank String baseNetwork, @NotBlank String netmask, int serviceBits) {

    public VpnPlan plan() {
        return VpnPlan.of(baseNetwork, netmask, serviceBits);
    }
}
