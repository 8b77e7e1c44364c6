-- Read model of applications, kept in step with the event store by the subscribing
-- "application-projection" processor (same transaction as the command).
CREATE TABLE application (
    id         UUID         NOT NULL PRIMARY KEY,
    owner_id   VARCHAR(64)  NOT NULL,
    name       VARCHAR(256) NOT NULL,
    name_key   VARCHAR(256) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT application_name_unique_per_owner UNIQUE (owner_id, name_key)
);
CREATE INDEX application_by_owner ON application (owner_id, created_at);
