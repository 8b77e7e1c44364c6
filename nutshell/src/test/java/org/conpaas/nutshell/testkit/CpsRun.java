package org.conpaas.nutshell.testkit;

import org.conpaas.cli.Cps;
import org.conpaas.cli.CpsConfig;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One cps command run in this JVM with its session in {@code conf}: its exit code and what it printed. */
public record CpsRun(int exit, String out, String err) {

    /** {@code stdin}, when given, is one line on standard input (a password for --password-stdin). */
    public static synchronized CpsRun of(Path conf, String stdin, String... args) {
        InputStream realIn = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream((stdin + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Cps.commandLine(CpsConfig.load(conf), args.length == 0 ? null : args[0]);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return new CpsRun(cli.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(realIn);
        }
    }
}
