-- A refresh token belongs to a family: the login session it began with, named by the access
-- tokens' sid claim. Used tokens are kept until they expire, so a reuse is recognised and ends
-- the family. Tokens from before this version each become a family of their own.
ALTER TABLE refresh_token ADD COLUMN family_id VARCHAR(64);
UPDATE refresh_token SET family_id = token_hash WHERE family_id IS NULL;
ALTER TABLE refresh_token ALTER COLUMN family_id SET NOT NULL;
CREATE INDEX refresh_token_by_family ON refresh_token (family_id);

-- Failed logins per username ('user:<name>') and per client address ('address:<ip>'), shared
-- by every identity-service instance; a row is forgotten a window after its last failure.
CREATE TABLE login_failure (
    throttle_key  VARCHAR(300) NOT NULL PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    last_failure  TIMESTAMPTZ  NOT NULL,
    blocked_until TIMESTAMPTZ
);
CREATE INDEX login_failure_by_last_failure ON login_failure (last_failure);
