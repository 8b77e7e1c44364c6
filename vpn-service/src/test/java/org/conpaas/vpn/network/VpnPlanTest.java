package org.conpaas.vpn.network;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VpnPlanTest {

    @Test
    void followsTheDocumentedConpaasRule() {
        VpnPlan plan = VpnPlan.of("172.16.0.0", "255.240.0.0", 5);
        assertThat(plan.cidr()).isEqualTo(12);
        assertThat(plan.servicesPerApplication()).isEqualTo(32);
        assertThat(plan.agentsPerService()).isEqualTo(32767);
        assertThat(plan.servicePrefix()).isEqualTo(17);
        assertThat(plan.network()).isEqualTo("172.16.0.0/12");
    }

    @Test
    void cutsSubnetsAndAddressesAtTheEdges() {
        VpnPlan plan = VpnPlan.of("172.16.0.0", "255.240.0.0", 5);
        assertThat(plan.subnet(0)).isEqualTo("172.16.0.0/17");
        assertThat(plan.subnet(1)).isEqualTo("172.16.128.0/17");
        assertThat(plan.subnet(31)).isEqualTo("172.31.128.0/17");
        assertThat(plan.address(0, 1)).isEqualTo("172.16.0.1");
        assertThat(plan.address(0, 32767)).isEqualTo("172.16.127.255");
        assertThat(plan.address(31, 32767)).isEqualTo("172.31.255.255");
        assertThatThrownBy(() -> plan.subnet(32)).hasMessageContaining("outside 0..31");
        assertThatThrownBy(() -> plan.address(0, 0)).hasMessageContaining("outside 1..32767");
        assertThatThrownBy(() -> plan.address(0, 32768)).hasMessageContaining("outside 1..32767");
    }

    @Test
    void handlesTheEdges() {
        assertThat(VpnPlan.of("10.0.0.0", "255.255.255.0", 7).agentsPerService()).isEqualTo(1);
        assertThat(VpnPlan.of("10.0.0.0", "255.0.0.0", 0).servicesPerApplication()).isEqualTo(1);
    }

    @Test
    void refusesWrongSettingsNamingTheFix() {
        assertThatThrownBy(() -> VpnPlan.of("172.16.0.1", "255.240.0.0", 5))
                .hasMessageContaining("host bits").hasMessageContaining("use 172.16.0.0");
        assertThatThrownBy(() -> VpnPlan.of("172.16.0.0", "255.0.255.0", 5)).hasMessageContaining("not contiguous");
        assertThatThrownBy(() -> VpnPlan.of("172.16.0.0", "255.240.0.0", 20)).hasMessageContaining("0 to 19");
        assertThatThrownBy(() -> VpnPlan.of("172.16.0", "255.240.0.0", 5)).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> VpnPlan.of("172.300.0.0", "255.240.0.0", 5)).hasMessageContaining("out of 0..255");
    }
}
