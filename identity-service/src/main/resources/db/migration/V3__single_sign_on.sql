-- External identities users sign in with (single sign-on through Keycloak): one user may have
-- several, a subject at an issuer belongs to one user. Filled by the subscribing user-projection,
-- so a subject linked twice rolls the second command back.
CREATE TABLE external_identity (
    issuer    VARCHAR(250) NOT NULL,
    subject   VARCHAR(250) NOT NULL,
    user_id   VARCHAR(64)  NOT NULL REFERENCES users (id),
    linked_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identity_by_user ON external_identity (user_id);
-- Accounts created before this table record their identity in users.external_id only.
INSERT INTO external_identity (issuer, subject, user_id, linked_at)
SELECT split_part(external_id, '|', 1), substr(external_id, strpos(external_id, '|') + 1), id, created_at
FROM users WHERE external_id LIKE '%|%';

-- Logins under way: state (the key), nonce and PKCE verifier, where to send the browser after. Used once.
CREATE TABLE sso_login (
    state         VARCHAR(64)   NOT NULL PRIMARY KEY,
    nonce         VARCHAR(64)   NOT NULL,
    code_verifier VARCHAR(128)  NOT NULL,
    provider      VARCHAR(100)  NOT NULL,
    return_to     VARCHAR(2000) NOT NULL,
    expires_at    TIMESTAMPTZ   NOT NULL
);

-- One-time codes the browser exchanges for ConPaaS tokens (SHA-256 of the code; 60 s).
CREATE TABLE sso_code (
    code_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    used       BOOLEAN      NOT NULL DEFAULT false
);
