package org.conpaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * cps, the ConPaaS command-line client. Its commands (login, app, service, check, ...) arrive
 * with the CLI issue; the root command with help and version is in place.
 */
@Command(name = "cps", mixinStandardHelpOptions = true, versionProvider = Cps.Version.class,
        description = "The ConPaaS command-line client.")
public class Cps implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cps()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cps.class.getPackage().getImplementationVersion();
            return new String[]{"cps " + (v == null ? "development" : v)};
        }
    }
}
