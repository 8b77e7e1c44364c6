package org.conpaas.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The completion scripts, run by the real shells: commands, options, formats, and the caller's
 * application and service names from the cache beside the session file (no director is running).
 */
class CompletionTest {

    @TempDir
    Path home;

    @BeforeEach
    void cachedNames() throws IOException {
        Files.createDirectories(home.resolve(".conpaas"));
        new NameCache(home.resolve(".conpaas/cps.conf.names")).replaceAll(new java.util.LinkedHashMap<>(java.util.Map.of(
                "shop", List.of("workers", "web"))));
        new NameCache(home.resolve(".conpaas/cps.conf.names")).replaceApp("my blog", List.of("api"));
    }

    private String script(String shell) throws IOException {
        StringWriter out = new StringWriter();
        var cli = Cps.commandLine(CpsConfig.load(home.resolve("unused.conf")));
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("completion", shell)).isZero();
        Path file = home.resolve("cps." + shell);
        Files.writeString(file, out.toString());
        return file.toString();
    }

    private String bash(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        return run("bash", "-c", "source " + script("bash") + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; _cps; printf '%s\\n' \"${COMPREPLY[@]}\" | sort");
    }

    private String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("CPS_CONFIG");
        Process process = builder.start();
        String said = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return said;
    }

    @Test
    void bashCompletesCommandsOptionsAndTheCachedNames() throws Exception {
        assertThat(bash("cps", "ser")).isEqualTo("service\n");
        assertThat(bash("cps", "service", "sc")).isEqualTo("scale\n");
        assertThat(bash("cps", "service", "scale", "")).isEqualTo("my blog\nshop\n");
        assertThat(bash("cps", "service", "scale", "shop", "")).isEqualTo("web\nworkers\n");
        assertThat(bash("cps", "service", "start", "--app", "my blog", "")).isEqualTo("api\n");
        assertThat(bash("cps", "app", "show", "sh")).isEqualTo("shop\n");
        assertThat(bash("cps", "app", "list", "-o", "")).isEqualTo("json\ntable\nyaml\n");
        assertThat(bash("cps", "help", "service", "re")).isEqualTo("remove\nremove-nodes\nrename\nrestore\n");
        assertThat(bash("cps", "service", "scale", "--n")).isEqualTo("--no-wait\n");
        assertThat(bash("cps", "completion", "")).isEqualTo("bash\nfish\nzsh\n");
    }

    @Test
    void zshLoadsTheSameCompletion() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is not installed");
        assertThat(run("zsh", "-c", "source " + script("zsh") + " && print -r -- ${_comps[cps]}")).contains("_cps");
    }

    @Test
    void fishCompletesTheCachedNames() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fish")), "fish is not installed");
        String fish = script("fish");
        assertThat(run("fish", "-c", "source " + fish + "; complete -C 'cps service scale shop '")).isEqualTo("web\nworkers\n");
        assertThat(run("fish", "-c", "source " + fish + "; complete -C 'cps app show '")).isEqualTo("my blog\nshop\n");
        assertThat(run("fish", "-c", "source " + fish + "; complete -C 'cps service li'")).isEqualTo("list\n");
    }
}
