package org.conpaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * cps, the ConPaaS command-line client. Exit codes: 0 done, 1 the operation failed (the API's
 * problem detail is printed as one line), 2 the command line was wrong.
 */
@Command(name = "cps", mixinStandardHelpOptions = true, versionProvider = Cps.Version.class,
        description = "The ConPaaS command-line client.")
public class Cps implements Runnable {

    /** The commands under cps, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, UserCommand.class,
            AdminCommand.class, AppCommand.class, PushCommand.class, ServiceCommand.class, CatalogCommand.class, AuditCommand.class,
            CloudCommand.class, NodeCommand.class, CheckCommand.class, HelpCommand.class, CompletionCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CpsConfig config = CpsConfig.load();
        // the HTTPS client is made on the other core while picocli reads the commands' annotations
        String first = args.length == 0 ? null : args[0];
        boolean asks = !named(first).isEmpty() && !"login".equals(first) && !"logout".equals(first)
                && java.util.Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h"));
        if (asks && config.get("url").isPresent()) {
            Connections.prepare(config);
        }
        int exit = commandLine(config, first).execute(args);
        Connections.close();
        System.exit(exit);
    }

    /** The whole cps, working with {@code config}; tests run it in-process this way. */
    public static CommandLine commandLine(CpsConfig config) {
        return commandLine(config, null);
    }

    /**
     * cps with only the command named {@code first} under it when that names one (its model is all
     * a run needs, and building every command's takes a quarter of a second); otherwise all of them,
     * for help, completion and the message about a command that does not exist.
     */
    public static CommandLine commandLine(CpsConfig config, String first) {
        Factory factory = new Factory(config);
        CommandLine cli = new CommandLine(new Cps(), factory);
        List<Class<?>> named = named(first);
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
        HelpText.apply(cli.getCommandSpec());
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof CliFailure) {
                err.println("cps: " + e.getMessage());
                err.flush();
                return 1;
            }
            err.println("cps: unexpected failure: " + e);
            err.flush();
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("cps: " + oneLine(e.getMessage()) + " (see: " + culprit(cli, e.getCommandLine()).qualifiedName() + " --help)");
            err.flush();
            return 2;
        });
        return cli;
    }

    /**
     * The command whose help says how to fix a wrong command line: the deepest one parsed, since a
     * subcommand written as a method reports its refusals through its group's spec.
     */
    private static CommandLine.Model.CommandSpec culprit(CommandLine root, CommandLine reporter) {
        CommandLine.ParseResult parsed = root.getParseResult();
        if (parsed == null) {
            return reporter.getCommandSpec();
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        CommandLine.Model.CommandSpec deepest = parsed.commandSpec();
        for (CommandLine.Model.CommandSpec s = deepest; s != null; s = s.parent()) {
            if (s == reporter.getCommandSpec()) {
                return deepest;
            }
        }
        return reporter.getCommandSpec();
    }

    /** The command {@code first} names, but help and completion, which need every command's model. */
    private static List<Class<?>> named(String first) {
        return first == null ? List.of()
                : COMMANDS.stream().filter(c -> names(c).contains(first) && c != HelpCommand.class && c != CompletionCommand.class).toList();
    }

    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    /** A message as one line: picocli joins some with line breaks. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Gives every command the same configuration. */
    record Factory(CpsConfig config) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == CpsConfig.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(config));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cps.class.getPackage().getImplementationVersion();
            return new String[]{"cps " + (v == null ? "development" : v)};
        }
    }
}
