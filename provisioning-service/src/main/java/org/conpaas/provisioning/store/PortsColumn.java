package org.conpaas.provisioning.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.Map;

/** The node table's {@code ports} column: what a node's agent reported it answers on, by name, as JSON. */
@Component
public class PortsColumn {

    private static final TypeReference<Map<String, Integer>> PORTS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public PortsColumn(ObjectMapper json) {
        this.json = json;
    }

    /** The stored ports; none when there are none or they cannot be read. */
    public Map<String, Integer> read(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, PORTS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** What to store: null for no ports. */
    public String write(Map<String, Integer> ports) {
        try {
            return ports == null || ports.isEmpty() ? null : json.writeValueAsString(ports);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
