package org.conpaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code cps help [COMMAND [SUB]]}: the same page as {@code cps COMMAND SUB --help}, at any depth. */
@Command(name = "help", helpCommand = true, description = "Show the help of cps, of a command or of a subcommand.")
class HelpCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command and subcommand, e.g. service scale")
    List<String> words;

    @Override
    public void run() {
        CommandLine target = spec.root().commandLine();
        for (String word : words == null ? List.<String>of() : words) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                throw new ParameterException(spec.commandLine(), "'" + word + "' is not a command of "
                        + target.getCommandSpec().qualifiedName() + "; it has: " + String.join(", ", new java.util.TreeSet<>(target.getSubcommands().keySet())));
            }
            target = sub;
        }
        target.usage(spec.commandLine().getOut());
    }
}
