package org.conpaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = "Print a shell completion script (commands, options, and your application and "
        + "service names as the last cps app list / service list saw them; completing never calls the director).")
class CompletionCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    String shell;

    @Override
    public void run() {
        CompletionScript script = new CompletionScript(spec.root().commandLine());
        String text = switch (shell) {
            case "bash" -> script.bash();
            case "zsh" -> script.zsh();
            case "fish" -> script.fish();
            default -> throw new ParameterException(spec.commandLine(), "SHELL must be bash, zsh or fish, was '" + shell + "'");
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
    }
}
