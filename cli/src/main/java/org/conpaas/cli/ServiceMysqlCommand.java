package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

@Command(name = "mysql", description = "A mysql service's database: where its nodes answer, its admin password, dumps, loads, backups.",
        subcommands = {ServiceMysqlCommand.Show.class, ServiceMysqlCommand.Password.class, ServiceMysqlArchiveCommands.Dump.class,
                ServiceMysqlArchiveCommands.Load.class, ServiceMysqlArchiveCommands.Archives.class})
class ServiceMysqlCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", description = "Show where each node of a mysql service answers, its place in the cluster, "
            + "and whether the admin account has a password: [APP] NAME.")
    static class Show implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2",
                description = "the service, after its application when --app is not given")
        List<String> words;
        private final CpsConfig config;

        Show(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            JsonNode database = director.get(ServiceMysqlArchiveCommands.databasePath(director, spec, app, words, 0));
            PrintWriter out = spec.commandLine().getOut();
            if (output.structured()) {
                output.print(out, database);
                return;
            }
            out.println("account " + database.path("account").asText() + ": " + (database.path("passwordPending").asBoolean()
                    ? "password being set" : database.path("passwordSet").asBoolean() ? "password set"
                    : "no password yet (cps service mysql password)"));
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode node : database.path("nodes")) {
                ObjectNode row = node.deepCopy();
                row.put("inCluster", node.path("member").asBoolean() ? "yes" : "no");
                rows.add(row);
            }
            OutputOptions.table(out, rows, "id", "state", "address", "inCluster", "localState", "clusterSize");
        }
    }

    @Command(name = "password", description = "Set the password of a mysql service's admin account (asked twice, "
            + "or one line on standard input with --password-stdin): [APP] NAME.")
    static class Password implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Option(names = "--password-stdin", description = "read the password from standard input instead of prompting")
        boolean passwordStdin;
        @Option(names = "--no-wait", description = "return once the director has the password, before a node applied it")
        boolean noWait;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2",
                description = "the service, after its application when --app is not given")
        List<String> words;
        private final CpsConfig config;

        Password(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            String path = ServiceMysqlArchiveCommands.databasePath(director, spec, app, words, 0);
            director.put(path + "/password", Map.of("password", password()));
            PrintWriter out = spec.commandLine().getOut();
            if (noWait) {
                out.println("the admin password will be set by a node of the cluster within seconds");
                return;
            }
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < until) {
                if (!director.get(path).path("passwordPending").asBoolean()) {
                    out.println("the admin password is set: connect as 'admin' (cps service mysql show for the addresses)");
                    return;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new CliFailure("no node of the cluster applied the password within 90 s: is the service RUNNING? (cps service show)");
        }

        private String password() {
            if (passwordStdin) {
                return Stdin.line("the password");
            }
            Console console = System.console();
            if (console == null) {
                throw new CliFailure("no terminal to ask for the password: use --password-stdin");
            }
            char[] first = console.readPassword("new admin password: ");
            char[] again = console.readPassword("again: ");
            if (first == null || first.length == 0) {
                throw new CliFailure("no password given");
            }
            if (!Arrays.equals(first, again)) {
                throw new CliFailure("the two passwords differ: nothing was changed");
            }
            return new String(first);
        }
    }
}
