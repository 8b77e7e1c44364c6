-- The mysql services a php/java service's current release is bound to (ReleaseCreated, RolloutEnded).
CREATE TABLE service_binding (
    service_id      UUID         NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    db_service_id   UUID         NOT NULL,
    db_service_name VARCHAR(256) NOT NULL,
    database_name   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (service_id, db_service_id)
);
CREATE INDEX service_binding_db ON service_binding (db_service_id);
