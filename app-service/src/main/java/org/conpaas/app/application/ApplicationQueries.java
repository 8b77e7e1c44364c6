package org.conpaas.app.application;

import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the application read model. */
@Component
public class ApplicationQueries {

    private static final String COLUMNS = "SELECT id, name, owner_id, state, created_at, updated_at FROM application ";
    private static final RowMapper<ApplicationView> VIEW = (rs, n) -> new ApplicationView(
            rs.getString("id"), rs.getString("name"), rs.getString("owner_id"), rs.getString("state"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    ApplicationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApplicationView> find(ApplicationId id) {
        return parse(id).flatMap(uuid -> jdbc.query(COLUMNS + "WHERE id = ?", VIEW, uuid).stream().findFirst());
    }

    public List<ApplicationView> ownedBy(UserId owner) {
        return jdbc.query(COLUMNS + "WHERE owner_id = ? ORDER BY created_at, id", VIEW, owner.value());
    }

    public int countOwnedBy(UserId owner) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM application WHERE owner_id = ?", Integer.class, owner.value());
        return n == null ? 0 : n;
    }

    public List<ApplicationView> all() {
        return jdbc.query(COLUMNS + "ORDER BY created_at, id", VIEW);
    }

    /** Applications being deleted (their services are being removed). */
    public List<ApplicationId> deleting() {
        return jdbc.queryForList("SELECT id FROM application WHERE state = 'DELETING'", UUID.class).stream()
                .map(id -> ApplicationId.of(id.toString())).toList();
    }

    public boolean nameTaken(UserId owner, ApplicationName name) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM application WHERE owner_id = ? AND name_key = ?",
                Integer.class, owner.value(), name.key());
        return n != null && n > 0;
    }

    private static Optional<UUID> parse(ApplicationId id) {
        try {
            return Optional.of(UUID.fromString(id.value()));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
