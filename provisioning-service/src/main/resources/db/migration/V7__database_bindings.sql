-- Bindings of php/java services to mysql services: the mysql services each release is bound to, and
-- per binding the account made for it on the mysql service's servers (its password is told only to
-- the mysql service's applying node and to the bound service's nodes). accounts_hash: the accounts
-- the mysql service's applying node last reported in place.
ALTER TABLE service_release ADD COLUMN bindings TEXT;

CREATE TABLE database_binding (
    db_service_id     VARCHAR(64)  NOT NULL,
    client_service_id VARCHAR(64)  NOT NULL,
    database_name     VARCHAR(64)  NOT NULL,
    service_name      VARCHAR(256) NOT NULL,
    username          VARCHAR(32)  NOT NULL UNIQUE,
    password          VARCHAR(64)  NOT NULL,
    PRIMARY KEY (db_service_id, client_service_id)
);
CREATE INDEX database_binding_client ON database_binding (client_service_id);

ALTER TABLE database_service ADD COLUMN accounts_hash VARCHAR(64);
