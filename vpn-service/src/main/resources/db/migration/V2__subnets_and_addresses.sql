-- Read model of service subnets and node addresses. The unique constraints are a last guard:
-- the VpnNetwork aggregate already never hands out a subnet or an address twice.
CREATE TABLE vpn_subnet (
    application_id VARCHAR(64) NOT NULL REFERENCES vpn_network (application_id) ON DELETE CASCADE,
    service_id     VARCHAR(64) NOT NULL,
    subnet_index   INTEGER     NOT NULL,
    subnet         VARCHAR(18) NOT NULL,
    PRIMARY KEY (application_id, service_id),
    UNIQUE (application_id, subnet_index)
);

CREATE TABLE vpn_address (
    application_id VARCHAR(64) NOT NULL,
    service_id     VARCHAR(64) NOT NULL,
    node_id        VARCHAR(64) NOT NULL,
    address        VARCHAR(15) NOT NULL,
    assigned_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, node_id),
    UNIQUE (application_id, address),
    FOREIGN KEY (application_id, service_id) REFERENCES vpn_subnet (application_id, service_id) ON DELETE CASCADE
);
