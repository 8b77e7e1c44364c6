package org.conpaas.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines logs gained since the last heartbeat that got through: new ones only, whole lines, bounded, rotation followed. */
class LogShipperTest {

    @TempDir
    Path work;

    @Test
    void onlyLinesWrittenSinceTheAgentStartedAreSentOnceTheyGotThrough() throws IOException {
        append(work.resolve("service.log"), "before the agent started\n");
        LogShipper shipper = new LogShipper(work);
        append(work.resolve("service.log"), "agent: release 2: backend healthy\n");
        Files.createDirectories(work.resolve("logs"));
        append(work.resolve("logs/proxy-access.log"), "GET / 200 0.004\nGET /x 404 0.001\npartial");

        LogShipper.Batch first = shipper.next();
        assertEquals(List.of(new LogShipper.Line("service", "agent: release 2: backend healthy"),
                new LogShipper.Line("proxy-access", "GET / 200 0.004"), new LogShipper.Line("proxy-access", "GET /x 404 0.001")), first.lines());
        // not committed (the heartbeat failed): the same lines again
        assertEquals(3, shipper.next().lines().size());
        shipper.next().commit();
        append(work.resolve("logs/proxy-access.log"), " line\n");
        assertEquals(List.of(new LogShipper.Line("proxy-access", "partial line")), shipper.next().lines());
    }

    @Test
    void aLogThatGrewFasterThanHeartbeatsCarryIsSkippedAheadSayingSo() throws IOException {
        LogShipper shipper = new LogShipper(work);
        StringBuilder lots = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lots.append("line ").append(i).append('\n');
        }
        append(work.resolve("service.log"), lots.toString());
        LogShipper.Batch batch = shipper.next();
        assertTrue(batch.lines().size() <= LogShipper.MAX_LINES);
        assertTrue(batch.lines().get(0).text().contains("bytes of this log left out"), batch.lines().get(0).text());
        assertTrue(batch.lines().get(1).text().matches("line \\d+"), batch.lines().get(1).text());
    }

    @Test
    void aRotatedLogIsReadFromItsStart() throws IOException {
        append(work.resolve("service.log"), "old line one\nold line two\n");
        LogShipper shipper = new LogShipper(work);
        Files.writeString(work.resolve("service.log"), "fresh\n");
        assertEquals(List.of(new LogShipper.Line("service", "fresh")), shipper.next().lines());
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
