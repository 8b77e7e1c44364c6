-- Web hosting (php, java): each node's web roles and what its heartbeats report (ports, the release
-- it runs, its health, the proxy members it applied, the proxy's response times), what it is told
-- to run (assigned_release) and whether the proxies send it requests (in_rotation); the releases of
-- each service and how far their rollout got.
ALTER TABLE node ADD COLUMN web_roles VARCHAR(64);
ALTER TABLE node ADD COLUMN host VARCHAR(256);
ALTER TABLE node ADD COLUMN ports VARCHAR(256);
ALTER TABLE node ADD COLUMN running_release INTEGER;
ALTER TABLE node ADD COLUMN healthy BOOLEAN;
ALTER TABLE node ADD COLUMN health_detail VARCHAR(1024);
ALTER TABLE node ADD COLUMN members_hash VARCHAR(64);
ALTER TABLE node ADD COLUMN response_p95_ms DOUBLE PRECISION;
ALTER TABLE node ADD COLUMN request_rate DOUBLE PRECISION;
ALTER TABLE node ADD COLUMN assigned_release INTEGER;
ALTER TABLE node ADD COLUMN in_rotation BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE node ADD COLUMN left_rotation_at TIMESTAMPTZ;

ALTER TABLE service_code ADD COLUMN release INTEGER NOT NULL DEFAULT 0;

CREATE TABLE service_release (
    service_id     VARCHAR(64)  NOT NULL,
    release        INTEGER      NOT NULL,
    application_id VARCHAR(64)  NOT NULL,
    service_type VARCHAR(32),
    code_version INTEGER      NOT NULL,
    environment  TEXT         NOT NULL,
    health_path  VARCHAR(300) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (service_id, release)
);

CREATE TABLE service_rollout (
    service_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    stable_release  INTEGER      NOT NULL DEFAULT 0,
    failed_release  INTEGER      NOT NULL DEFAULT 0,
    ended_release   INTEGER      NOT NULL DEFAULT 0,
    rolling_node    VARCHAR(64),
    step_started_at TIMESTAMPTZ
);
