package org.conpaas.kit.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.event.IntegrationEventTypes;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Turns integration events into broker messages (JSON body, type headers) and back. */
public class IntegrationEventCodec {

    public static final String TYPE_HEADER = "eventType";
    public static final String VERSION_HEADER = "eventVersion";
    public static final String ID_HEADER = "eventId";
    public static final String CORRELATION_HEADER = "correlationId";

    private final ObjectMapper json;
    private final Map<String, Class<? extends IntegrationEvent>> byTypeAndVersion = new HashMap<>();

    public IntegrationEventCodec(ObjectMapper json) {
        this.json = json;
        for (Class<? extends IntegrationEvent> type : IntegrationEventTypes.ALL) {
            EventType name = type.getAnnotation(EventType.class);
            byTypeAndVersion.put(key(name.value(), name.version()), type);
            for (int older : name.alsoReads()) {
                byTypeAndVersion.put(key(name.value(), older), type);
            }
        }
    }

    public Message<byte[]> encode(IntegrationEvent event) {
        try {
            return MessageBuilder.withPayload(json.writeValueAsBytes(event))
                    .setHeader(TYPE_HEADER, event.header().type())
                    .setHeader(VERSION_HEADER, event.header().version())
                    .setHeader(ID_HEADER, event.header().eventId().toString())
                    .setHeader(CORRELATION_HEADER, event.header().correlationId())
                    .setHeader("contentType", MimeTypeUtils.APPLICATION_JSON_VALUE)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.header().type(), e);
        }
    }

    public IntegrationEvent decode(Message<byte[]> message) {
        Object type = message.getHeaders().get(TYPE_HEADER);
        Object version = message.getHeaders().get(VERSION_HEADER);
        if (type == null) {
            throw new UnreadableIntegrationEventException("message has no " + TYPE_HEADER + " header");
        }
        int v = version == null ? 1 : Integer.parseInt(version.toString());
        Class<? extends IntegrationEvent> target = byTypeAndVersion.get(key(type.toString(), v));
        if (target == null) {
            throw new UnreadableIntegrationEventException("unknown integration event " + type + " v" + v);
        }
        try {
            return json.readValue(message.getPayload(), target);
        } catch (IOException e) {
            throw new UnreadableIntegrationEventException("cannot read " + type + " v" + v + ": " + e.getMessage());
        }
    }

    private static String key(String type, int version) {
        return type + "/v" + version;
    }
}
