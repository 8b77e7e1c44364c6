package org.conpaas.kit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the audit trail from this service's own event store: the events whose metadata names the
 * person who asked ({@link ActorOnCommands}), newest first. Nothing is copied elsewhere: the event
 * store is the record.
 */
public class AuditTrail {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String service;

    public AuditTrail(JdbcTemplate jdbc, ObjectMapper json, String service) {
        this.jdbc = jdbc;
        this.json = json;
        this.service = service;
    }

    public List<AuditEntry> read(AuditQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT time_stamp, payload_type, aggregate_identifier, type, meta_data FROM domain_event_entry
                WHERE meta_data IS NOT NULL AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' IS NOT NULL""");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = ?");
            args.add(query.actor());
        }
        if (query.application() != null) {
            sql.append(" AND (convert_from(meta_data, 'UTF8')::jsonb ->> 'application' = ? OR (type = 'Application' AND aggregate_identifier = ?))");
            args.add(query.application());
            args.add(query.application());
        }
        // Axon stores the time as ISO-8601 text; compare it as a time, not as text
        if (query.since() != null) {
            sql.append(" AND time_stamp::timestamptz >= ?::timestamptz");
            args.add(query.since().toString());
        }
        if (query.until() != null) {
            sql.append(" AND time_stamp::timestamptz < ?::timestamptz");
            args.add(query.until().toString());
        }
        sql.append(" ORDER BY global_index DESC LIMIT ?");
        args.add(Math.max(1, Math.min(query.limit(), AuditQuery.MAX_LIMIT)));
        return jdbc.query(sql.toString(), (rs, i) -> {
            JsonNode meta = metaData(rs.getBytes("meta_data"));
            String type = rs.getString("type");
            String aggregate = rs.getString("aggregate_identifier");
            String event = simpleName(rs.getString("payload_type"));
            String application = meta.path(AuditMetaData.APPLICATION).asText(null);
            if (application == null && "Application".equals(type)) {
                application = aggregate;
            }
            return new AuditEntry(Instant.parse(rs.getString("time_stamp")), service,
                    new AuditEntry.Actor(meta.path(AuditMetaData.ACTOR).asText(), meta.path(AuditMetaData.ACTOR_NAME).asText(null)),
                    words(event), event, new AuditEntry.Subject(type, aggregate), application);
        }, args.toArray());
    }

    private JsonNode metaData(byte[] bytes) {
        try {
            return json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** {@code ApplicationCreated} → {@code application created}. */
    static String words(String event) {
        return event.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
