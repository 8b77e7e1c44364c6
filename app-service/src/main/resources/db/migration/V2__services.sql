-- Read model of services, their nodes and state history ("service-projection", same transaction
-- as the command), and the owners' credit as identity-service publishes it.
CREATE TABLE service (
    id             UUID         NOT NULL PRIMARY KEY,
    application_id UUID         NOT NULL,
    owner_id       VARCHAR(64)  NOT NULL,
    name           VARCHAR(256) NOT NULL,
    name_key       VARCHAR(256) NOT NULL,
    type           VARCHAR(32)  NOT NULL,
    cloud          VARCHAR(64),
    state          VARCHAR(16)  NOT NULL,
    state_since    TIMESTAMPTZ  NOT NULL,
    code_version   INTEGER      NOT NULL DEFAULT 0,
    code_sha256    CHAR(64),
    code_size      BIGINT,
    created_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT service_name_unique_per_application UNIQUE (application_id, name_key)
);
CREATE INDEX service_by_application ON service (application_id, created_at);
CREATE INDEX service_in_transition ON service (state, state_since);

CREATE TABLE service_node (
    node_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    seq         BIGSERIAL   NOT NULL,
    service_id  UUID        NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    role        VARCHAR(16) NOT NULL,
    stage       VARCHAR(16) NOT NULL,
    vpn_address VARCHAR(64),
    cloud       VARCHAR(64),
    address     VARCHAR(256),
    detail      VARCHAR(1024),
    planned_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX service_node_by_service ON service_node (service_id, planned_at);

CREATE TABLE service_history (
    id         BIGSERIAL    NOT NULL PRIMARY KEY,
    service_id UUID         NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    at         TIMESTAMPTZ  NOT NULL,
    from_state VARCHAR(16)  NOT NULL,
    to_state   VARCHAR(16)  NOT NULL,
    reason     VARCHAR(1024)
);
CREATE INDEX service_history_by_service ON service_history (service_id, id);

CREATE TABLE owner_credit (
    owner_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    balance    BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
