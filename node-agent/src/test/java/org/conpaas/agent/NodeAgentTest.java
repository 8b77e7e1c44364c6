package org.conpaas.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeAgentTest {

    @Test
    void reportsADevelopmentVersionWhenNotPackaged() {
        assertEquals("development", NodeAgent.version());
    }
}
