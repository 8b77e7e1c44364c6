package org.conpaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "catalog", description = "List the service types you can add, the clouds that run each and what is missing where none does.")
class CatalogCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    private final CpsConfig config;

    CatalogCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        output.print(spec.commandLine().getOut(), new Director(config).get("/api/catalog"), "type", "description", "runsOn", "missing");
    }
}
