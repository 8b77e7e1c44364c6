package org.conpaas.kit.audit;

/** The metadata keys of the audit trail, on commands and the events they cause. */
public final class AuditMetaData {

    /** The id of the user who asked. */
    public static final String ACTOR = "actor";
    /** Their user name when they asked. */
    public static final String ACTOR_NAME = "actorName";
    /** The application the request was about ({@code /api/apps/{app}/…}). */
    public static final String APPLICATION = "application";

    private AuditMetaData() {
    }
}
