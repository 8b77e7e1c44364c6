package org.conpaas.cert.certificate;

import org.bouncycastle.asn1.x509.GeneralName;
import org.conpaas.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectorHostTest {

    @Test
    void namesBecomeDnsNamesAndAddressesIpAddresses() {
        assertThat(DirectorHost.of("ConPaaS.Example.org.").value()).isEqualTo("conpaas.example.org");
        assertThat(DirectorHost.of("conpaas.example.org").generalName().getTagNo()).isEqualTo(GeneralName.dNSName);
        assertThat(DirectorHost.of("localhost").generalName().getTagNo()).isEqualTo(GeneralName.dNSName);
        assertThat(DirectorHost.of("10.0.0.5").generalName().getTagNo()).isEqualTo(GeneralName.iPAddress);
        assertThat(DirectorHost.of("[2001:db8::1]").value()).isEqualTo("2001:db8::1");
        assertThat(DirectorHost.of("2001:db8::1").generalName().getTagNo()).isEqualTo(GeneralName.iPAddress);
        assertThat(DirectorHost.of("10.0.0.256").generalName().getTagNo()).as("not an address, a (numeric) name")
                .isEqualTo(GeneralName.dNSName);
    }

    @Test
    void refusesWhatIsNotAHost() {
        for (String bad : new String[]{"", " ", "https://conpaas.example.org", "host:8443", "a..b", "-a.b", "a_b.c",
                "x".repeat(64) + ".org", "conpaas.example.org/path", "bad host", "::zz"}) {
            assertThatThrownBy(() -> DirectorHost.of(bad)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessageContaining("host");
        }
    }
}
