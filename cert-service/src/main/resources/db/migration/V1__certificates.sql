-- The CA this database's certificates were issued by (its key stays in conpaas.ca.data-dir):
-- cert-service refuses to start with another CA beside these certificates.
CREATE TABLE certificate_authority (
    id              INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    fingerprint     CHAR(64)    NOT NULL,
    certificate_pem TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Read model of issued certificates, kept in step with the event store by the subscribing
-- "certificate-projection" processor (same transaction as the command).
CREATE TABLE certificate (
    serial            VARCHAR(40)  NOT NULL PRIMARY KEY,
    subject           VARCHAR(512) NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    owner_id          VARCHAR(64),
    user_id           VARCHAR(64),
    node_id           VARCHAR(64),
    service_id        VARCHAR(64),
    application_id    VARCHAR(64),
    host              VARCHAR(253),
    not_before        TIMESTAMPTZ  NOT NULL,
    not_after         TIMESTAMPTZ  NOT NULL,
    certificate_pem   TEXT         NOT NULL,
    issued_at         TIMESTAMPTZ  NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason VARCHAR(32)
);
CREATE INDEX certificate_by_owner ON certificate (owner_id, issued_at);
CREATE INDEX certificate_revoked ON certificate (revoked_at) WHERE revoked_at IS NOT NULL;

-- Every CRL signed, newest served; numbered by the sequence (the CRLNumber extension).
CREATE SEQUENCE crl_number;
CREATE TABLE crl (
    number      BIGINT      NOT NULL PRIMARY KEY,
    this_update TIMESTAMPTZ NOT NULL,
    next_update TIMESTAMPTZ NOT NULL,
    der         BYTEA       NOT NULL
);

-- One-time node enrollment tokens: only their SHA-256 is stored.
CREATE TABLE enrollment_token (
    token_hash     CHAR(64)    NOT NULL PRIMARY KEY,
    role           VARCHAR(16) NOT NULL,
    node_id        VARCHAR(64) NOT NULL,
    service_id     VARCHAR(64) NOT NULL,
    application_id VARCHAR(64) NOT NULL,
    owner_id       VARCHAR(64) NOT NULL,
    created_by     VARCHAR(64) NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    serial         VARCHAR(40)
);
