package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", description = "The nodes your services run on (an administrator: every node).")
class NodeCommand {

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    NodeCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "list", description = "Nodes with their state, cloud, addresses and credits billed.")
    void list(@Mixin OutputOptions output,
              @Option(names = "--cloud", description = "only this cloud's nodes") String cloud,
              @Option(names = "--state", description = "only nodes in this state (RUNNING, FAILED, ...)") String state) {
        ArrayNode nodes = Director.JSON.createArrayNode();
        for (JsonNode n : new Director(config).get("/api/nodes")) {
            if ((cloud == null || cloud.equals(n.path("cloud").asText()))
                    && (state == null || state.equalsIgnoreCase(n.path("state").asText()))) {
                nodes.add(n);
            }
        }
        output.print(spec.commandLine().getOut(), nodes,
                "id", "role", "serviceType", "state", "cloud", "instanceId", "vpnAddress", "address", "billedCredits");
    }
}
