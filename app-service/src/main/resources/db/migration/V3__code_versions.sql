-- The code versions a service keeps (older ones are pruned to stay within its code limits) and
-- whether a node refused one, with its reason. Versions uploaded before this migration: only the
-- latest is listed.
CREATE TABLE service_code_version (
    service_id  UUID          NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    version     INTEGER       NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    size        BIGINT        NOT NULL,
    uploaded_at TIMESTAMPTZ   NOT NULL,
    refused_by  VARCHAR(64),
    refusal     VARCHAR(1024),
    refused_at  TIMESTAMPTZ,
    PRIMARY KEY (service_id, version)
);

INSERT INTO service_code_version (service_id, version, sha256, size, uploaded_at)
SELECT id, code_version, code_sha256, COALESCE(code_size, 0), created_at FROM service
WHERE code_version > 0 AND code_sha256 IS NOT NULL;
