package org.conpaas.identity;

import org.conpaas.kit.test.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void reachesOtherServicesOnlyThroughContractsAndKeepsFeaturesApart() {
        ArchitectureRules.check("identity");
    }
}
