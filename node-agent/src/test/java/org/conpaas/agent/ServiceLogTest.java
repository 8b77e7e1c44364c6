package org.conpaas.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceLogTest {

    @Test
    void tailIsTheLastFourKilobytesFromAWholeLine(@TempDir Path workDir) throws Exception {
        ServiceLog log = new ServiceLog(workDir);
        assertEquals("", log.tail());

        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log.file(), text);

        String tail = log.tail();
        assertTrue(tail.length() <= ServiceLog.TAIL_BYTES && tail.length() > ServiceLog.TAIL_BYTES - 20, "length " + tail.length());
        assertTrue(tail.startsWith("line "), tail.substring(0, 20));
        assertTrue(tail.endsWith("line 999\n"));
    }
}
