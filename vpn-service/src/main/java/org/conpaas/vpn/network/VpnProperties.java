package org.conpaas.vpn.network;

import jakarta.validation.constraints.NotBlank;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The address space every application's network is cut from (ConPaaS 1.x: VPN_BASE_NETWORK,
 * VPN_NETMASK, VPN_SERVICE_BITS), and the optional bootstrap nodes handed to every node
 * ({@code udp://host:port} or {@code tcp://host:port}). Checked at start-up: a wrong one stops
 * vpn-service with its name and what is wrong.
 */
@Validated
@ConfigurationProperties("conpaas.vpn")
public record VpnProperties(@NotBlank String baseNetwork, @NotBlank String netmask, int serviceBits, List<String> bootstrapNodes) {

    public VpnProperties {
        bootstrapNodes = bootstrapNodes == null ? List.of() : bootstrapNodes.stream().map(b -> BootstrapNode.parse(b).toString()).toList();
    }

    public VpnPlan plan() {
        return VpnPlan.of(baseNetwork, netmask, serviceBits);
    }
}
