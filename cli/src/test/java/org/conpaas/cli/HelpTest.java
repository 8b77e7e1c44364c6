package org.conpaas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help and cps help COMMAND SUB with every option described and an example. */
class HelpTest {

    @TempDir
    Path dir;
    private StringWriter out;
    private StringWriter err;

    private int cps(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Cps.commandLine(CpsConfig.load(dir.resolve("cps.conf")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private List<CommandSpec> everyCommand() {
        List<CommandSpec> all = new ArrayList<>();
        collect(Cps.commandLine(CpsConfig.load(dir.resolve("cps.conf"))), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandSpec> all) {
        all.add(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyCommandHasAnExampleAndEveryOptionAndParameterADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec spec : everyCommand()) {
            if (!HelpText.EXAMPLES.containsKey(HelpText.path(spec))) {
                missing.add(spec.qualifiedName() + ": no example");
            }
            for (ArgSpec arg : spec.args()) {
                if (arg.description().length == 0 || arg.description()[0].isBlank()) {
                    missing.add(spec.qualifiedName() + " " + arg.paramLabel() + ": no description");
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(everyCommand()).hasSizeGreaterThan(40);
    }

    @Test
    void helpWorksAtEveryDepthInEachShape() {
        for (CommandSpec spec : everyCommand()) {
            List<String> words = new ArrayList<>(List.of(HelpText.path(spec).split(" ")));
            words.removeIf(String::isEmpty);
            List<String> asOption = new ArrayList<>(words);
            asOption.add("--help");
            assertThat(cps(asOption.toArray(String[]::new))).as(String.join(" ", asOption) + ": " + err).isZero();
            String page = out.toString();
            assertThat(page).startsWith("Usage: " + spec.qualifiedName()).contains("Example:").contains("-h, --help");
            List<String> asCommand = new ArrayList<>(List.of("help"));
            asCommand.addAll(words);
            assertThat(cps(asCommand.toArray(String[]::new))).as(String.join(" ", asCommand)).isZero();
            assertThat(out.toString()).isEqualTo(page);
        }
        cps("service", "start", "--help");
        assertThat(out.toString()).contains("--nodes=N", "how many nodes", "--app=APP", "cps service start shop workers --nodes 3");
    }

    @Test
    void aWrongCommandLineSaysWhatToFixOnOneLineWithExitTwo() {
        assertThat(cps("help", "service", "nope")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1)
                .startsWith("cps: 'nope' is not a command of cps service; it has: add, add-nodes,");
        assertThat(cps("service", "scale", "shop", "workers", "0")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("cps: the number of nodes must be at least 1, not 0")
                .endsWith("(see: cps service scale --help)\n");
        assertThat(cps("service", "scale", "shop", "workers")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("give the number of nodes");
        assertThat(cps("service", "start", "--nodes", "many", "shop", "workers")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("'many' is not an int").contains("cps service start --help");
        assertThat(cps("app")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1);
    }

    @Test
    void theSessionIsKeptUnderHome() throws Exception {
        ProcessBuilder cps = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Cps.class.getName(), "logout");
        cps.environment().remove("CPS_CONFIG");
        cps.environment().put("HOME", dir.toString());
        Process process = cps.redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(said).isZero();
        assertThat(dir.resolve(".conpaas/cps.conf")).isRegularFile();
    }

    @Test
    void theSessionFileIsUnderHomeUnlessCpsConfigNamesOne() {
        assertThat(CpsConfig.defaultFile(null, "/home/ann", "/root")).isEqualTo(Path.of("/home/ann/.conpaas/cps.conf"));
        assertThat(CpsConfig.defaultFile("", "/home/ann", "/root")).isEqualTo(Path.of("/home/ann/.conpaas/cps.conf"));
        assertThat(CpsConfig.defaultFile(null, null, "/root")).isEqualTo(Path.of("/root/.conpaas/cps.conf"));
        assertThat(CpsConfig.defaultFile("/etc/cps.conf", "/home/ann", "/root")).isEqualTo(Path.of("/etc/cps.conf"));
    }
}
