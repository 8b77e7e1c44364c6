package org.conpaas.vpn;

import org.conpaas.kit.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void reachesOtherServicesOnlyThroughContractsAndKeepsFeaturesApart() {
        ArchitectureRules.check("vpn");
    }
}
