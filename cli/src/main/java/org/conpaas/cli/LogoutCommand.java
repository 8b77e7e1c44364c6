package org.conpaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "logout", description = "Forget the saved session (the director URL and username stay).")
class LogoutCommand implements Runnable {

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    LogoutCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        config.clearSession();
        config.save();
        spec.commandLine().getOut().println("logged out");
    }
}
