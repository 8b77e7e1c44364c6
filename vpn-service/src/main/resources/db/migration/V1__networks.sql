-- Read model: each live application's network (subscribing "network-projection" processor).
CREATE TABLE vpn_network (
    application_id VARCHAR(64) NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(64) NOT NULL,
    base_network   VARCHAR(15) NOT NULL,
    cidr           INTEGER     NOT NULL,
    service_bits   INTEGER     NOT NULL,
    allocated_at   TIMESTAMPTZ NOT NULL
);
