package org.conpaas.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpsTest {

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine cps = new CommandLine(new Cps()).setErr(new PrintWriter(err));
        assertEquals(2, cps.execute("--no-such-option"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
    }

    @Test
    void printsItsVersion() {
        StringWriter out = new StringWriter();
        CommandLine cps = new CommandLine(new Cps()).setOut(new PrintWriter(out));
        assertEquals(0, cps.execute("--version"));
        assertTrue(out.toString().startsWith("cps "), out.toString());
    }
}
