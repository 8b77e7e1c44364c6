package org.conpaas.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = "Print a shell completion script: source <(cps completion bash). "
        + "zsh: autoload -U +X bashcompinit && bashcompinit && source <(cps completion zsh)")
class CompletionCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    @Override
    public void run() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "SHELL must be bash or zsh, was '" + shell + "'");
        }
        spec.commandLine().getOut().print(AutoComplete.bash("cps", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
