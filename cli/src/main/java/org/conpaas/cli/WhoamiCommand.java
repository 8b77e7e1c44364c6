package org.conpaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "whoami", description = "Show who you are logged in as, your role and your credit.")
class WhoamiCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    private final CpsConfig config;

    WhoamiCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        output.print(spec.commandLine().getOut(), new Director(config).get("/api/me"), "username", "role", "credit", "email", "id");
    }
}
