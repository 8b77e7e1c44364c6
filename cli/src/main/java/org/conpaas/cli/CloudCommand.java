package org.conpaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cloud", description = "The clouds this deployment runs nodes on.")
class CloudCommand {

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    CloudCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "list", description = "Every cloud with its driver, whether it is the default and its health.")
    void list(@Mixin OutputOptions output) {
        output.print(spec.commandLine().getOut(), new Director(config).get("/api/clouds"), "name", "driver", "isDefault", "up", "detail");
    }
}
