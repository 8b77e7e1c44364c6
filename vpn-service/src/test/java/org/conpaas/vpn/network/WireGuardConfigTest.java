package org.conpaas.vpn.network;

import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireGuardConfigTest {

    @Test
    void rendersTheNodeAndItsPeersWithoutAnyPrivateKey() throws Exception {
        String peerKey = WireGuardKeysForTests.generate().publicKey();
        String conf = new WireGuardConfig("172.16.0.1", 17, 51820, List.of(
                new WireGuardConfig.Peer("n2", peerKey, "172.16.0.2", "203.0.113.7:51820"),
                new WireGuardConfig.Peer("n3", peerKey, "172.16.0.3", null)), List.of("udp://boot.example.org:4000")).render();
        assertThat(conf).startsWith("[Interface]\n").contains("Address = 172.16.0.1/17\n", "ListenPort = 51820\n",
                "PublicKey = " + peerKey, "AllowedIPs = 172.16.0.2/32\n", "Endpoint = 203.0.113.7:51820\n",
                "AllowedIPs = 172.16.0.3/32\n");
        assertThat(conf.lines().filter(l -> l.startsWith("PrivateKey"))).isEmpty();
        assertThat(conf).contains("# ConPaaS-Bootstrap = udp://boot.example.org:4000\n");
        assertThat(conf.lines().filter(l -> l.startsWith("Endpoint"))).hasSize(1);
    }

    @Test
    void acceptsOnlyRealPublicKeysAndEndpoints() throws Exception {
        String key = WireGuardKeysForTests.generate().publicKey();
        assertThat(WireGuardKey.of(" " + key + "\n").value()).isEqualTo(key);
        assertThatThrownBy(() -> WireGuardKey.of("not-base64!")).isInstanceOf(ApiException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> WireGuardKey.of("AAAA")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> WireGuardKey.of(null)).isInstanceOf(ApiException.class);
        assertThat(Endpoint.check("node-1.example.org:51820")).isEqualTo("node-1.example.org:51820");
        assertThat(Endpoint.check("[2001:db8::1]:51820")).isEqualTo("[2001:db8::1]:51820");
        assertThat(Endpoint.check(" ")).isNull();
        assertThatThrownBy(() -> Endpoint.check("host:70000")).hasMessageContaining("port 1..65535");
        assertThatThrownBy(() -> Endpoint.check("host; rm -rf /:1")).hasMessageContaining("host:port");
    }

    @Test
    void bootstrapNodesAreUdpOrTcpHostAndPortAndNothingElse() {
        assertThat(BootstrapNode.parse(" udp://10.0.0.1:4000 ").toString()).isEqualTo("udp://10.0.0.1:4000");
        assertThat(BootstrapNode.parse("tcp://boot.example.org:443")).isEqualTo(new BootstrapNode("tcp", "boot.example.org", 443));
        assertThatThrownBy(() -> BootstrapNode.parse("http://boot:80")).hasMessageContaining("udp or tcp");
        assertThatThrownBy(() -> BootstrapNode.parse("udp://boot")).hasMessageContaining("port must be 1-65535");
        assertThatThrownBy(() -> BootstrapNode.parse("udp://boot:70000")).hasMessageContaining("udp://host:port");
        assertThatThrownBy(() -> BootstrapNode.parse("udp://:4000")).hasMessageContaining("udp://host:port");
        assertThatThrownBy(() -> BootstrapNode.parse("udp://boot:4000/x")).hasMessageContaining("nothing may follow the port");
        assertThatThrownBy(() -> BootstrapNode.parse(null)).hasMessageContaining("must be udp://host:port");
        assertThatThrownBy(() -> new VpnProperties("172.16.0.0", "255.240.0.0", 5, java.util.List.of("udp://a:1", "ftp://b:2")))
                .hasMessageContaining("'ftp://b:2'");
    }
}
