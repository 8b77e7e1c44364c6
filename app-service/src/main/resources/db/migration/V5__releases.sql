-- Releases (code version + environment + health path) and the web roles of php/java nodes.
-- Secret values are not kept here (the read model only ever shows them masked).
ALTER TABLE service ADD COLUMN release INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service ADD COLUMN enabled_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service ADD COLUMN release_state VARCHAR(16);
ALTER TABLE service ADD COLUMN release_detail VARCHAR(1024);
ALTER TABLE service ADD COLUMN health_path VARCHAR(300) NOT NULL DEFAULT '/';
UPDATE service SET enabled_version = code_version;
ALTER TABLE service_node ADD COLUMN web_roles VARCHAR(64);

CREATE TABLE service_environment (
    service_id UUID          NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    name       VARCHAR(128)  NOT NULL,
    value      VARCHAR(4096),
    secret     BOOLEAN       NOT NULL,
    PRIMARY KEY (service_id, name)
);
