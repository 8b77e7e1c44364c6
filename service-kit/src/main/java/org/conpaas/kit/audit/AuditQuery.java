package org.conpaas.kit.audit;

import java.time.Instant;

/**
 * What to read from the audit trail: every field but {@code limit} may be null (no filter).
 *
 * @param actor       only what this user id did
 * @param application only what concerns this application id
 * @param since       recorded at or after
 * @param until       recorded before
 * @param limit       the newest this many (1..500)
 */
public record AuditQuery(String actor, String application, Instant since, Instant until, int limit) {

    public static final int MAX_LIMIT = 500;
}
