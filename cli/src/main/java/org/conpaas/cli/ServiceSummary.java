package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a person reads of a service in a list: its state and how many nodes it holds now. */
final class ServiceSummary {

    /** Node stages that hold (or are about to hold) a machine; RELEASING, FAILED and TERMINATED do not count. */
    private static final Set<String> ACTIVE = Set.of("PLANNED", "REQUESTED", "RUNNING");

    private ServiceSummary() {
    }

    static int activeNodes(JsonNode service) {
        int count = 0;
        for (JsonNode node : service.path("nodes")) {
            if (ACTIVE.contains(node.path("state").asText())) {
                count++;
            }
        }
        return count;
    }

    /** {@code workers RUNNING 3 nodes, web STOPPED 0 nodes}; {@code -} for none. */
    static String line(JsonNode services) {
        List<String> parts = new ArrayList<>();
        for (JsonNode service : services) {
            int nodes = activeNodes(service);
            parts.add(service.path("name").asText() + " " + service.path("state").asText()
                    + (service.path("removing").asBoolean(false) ? " (removing)" : "")
                    + " " + nodes + (nodes == 1 ? " node" : " nodes"));
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    static List<String> names(JsonNode services) {
        List<String> names = new ArrayList<>();
        services.forEach(service -> names.add(service.path("name").asText()));
        return names;
    }
}
