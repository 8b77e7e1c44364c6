-- Read model of nodes ("node-projection", same transaction as the command) plus what heartbeats
-- report (written directly: heartbeats are frequent and not events), and the code version each
-- service's nodes should run.
CREATE TABLE node (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    service_id     VARCHAR(64)  NOT NULL,
    application_id VARCHAR(64)  NOT NULL,
    owner_id       VARCHAR(64)  NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    service_type   VARCHAR(32)  NOT NULL,
    cloud          VARCHAR(64)  NOT NULL,
    instance_id    VARCHAR(128),
    state          VARCHAR(16)  NOT NULL,
    vpn_address    VARCHAR(64),
    address        VARCHAR(256),
    detail         VARCHAR(1024),
    requested_at   TIMESTAMPTZ  NOT NULL,
    state_since    TIMESTAMPTZ  NOT NULL,
    last_heartbeat TIMESTAMPTZ,
    agent_state    VARCHAR(16),
    agent_detail   VARCHAR(1024),
    log_tail       TEXT,
    http_port      INTEGER,
    billed_credits BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX node_by_state ON node (state, state_since);
CREATE INDEX node_by_service ON node (service_id);
CREATE INDEX node_by_owner ON node (owner_id);

CREATE TABLE service_code (
    service_id VARCHAR(64) NOT NULL PRIMARY KEY,
    version    INTEGER     NOT NULL
);
