-- Read model of users (subscribing "user-projection": same transaction as the command, so a
-- username taken twice rolls the second registration back).
CREATE TABLE users (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL UNIQUE,
    email         VARCHAR(320),
    affiliation   VARCHAR(200),
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(10)  NOT NULL,
    credit        BIGINT       NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);

-- The RSA key tokens are signed with: made on first start, shared by every instance.
CREATE TABLE signing_key (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    private_key BYTEA        NOT NULL,
    public_key  BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One-time refresh tokens, stored as SHA-256 hashes.
CREATE TABLE refresh_token (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    used       BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX refresh_token_by_user ON refresh_token (user_id);
