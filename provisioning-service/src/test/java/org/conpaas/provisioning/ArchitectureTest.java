package org.conpaas.provisioning;

import org.conpaas.kit.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void reachesOtherServicesOnlyThroughContractsAndKeepsFeaturesApart() {
        ArchitectureRules.check("provisioning");
    }
}
