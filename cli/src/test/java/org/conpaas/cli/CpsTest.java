package org.conpaas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class CpsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cps(String... args) {
        // as cps runs from the shell: only the named command's model is built
        CommandLine cli = Cps.commandLine(CpsConfig.load(dir.resolve("cps.conf")), args.length == 0 ? null : args[0]);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitCodeTwo() {
        assertThat(cps("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cps: Unknown option: '--no-such-option'").hasLineCount(1);
        assertThat(cps("app", "rename", "only-one")).isEqualTo(2);
        assertThat(cps("completion", "tcsh")).isEqualTo(2);
    }

    @Test
    void withoutALoginItSaysWhatToDoAndExitsOne() {
        assertThat(cps("app", "list")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cps: not logged in: run cps login --url URL --user NAME\n");
    }

    @Test
    void anUnreachableDirectorIsNamed() throws Exception {
        CpsConfig config = CpsConfig.load(dir.resolve("cps.conf"));
        config.put("url", "http://127.0.0.1:1");
        config.put("token", "t");
        config.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cps.conf")))).isEqualTo("rw-------");
        assertThat(cps("whoami")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the director at http://127.0.0.1:1");
        assertThat(cps("check")).isEqualTo(1);
        assertThat(out.toString()).startsWith("FAIL  director");
    }

    @Test
    void printsItsVersionAndBashCompletion() {
        assertThat(cps("--version")).isZero();
        assertThat(out.toString()).startsWith("cps ");
        assertThat(cps("completion", "bash")).isZero();
        assertThat(out.toString()).contains("complete -F").contains("app").contains("login");
    }
}
