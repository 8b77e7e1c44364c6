-- Signing keys at rest are AES-256-GCM encrypted with a key derived from
-- conpaas.identity.signing-key.passphrase (SigningKeyCipher); a plain key of an install from before
-- (private_key) is encrypted on the next start and its plain column emptied. Several keys may
-- exist: the newest one not retired signs; a retired one (its private half erased: it never signs
-- again) stays in the JWKS until the tokens it signed have expired, then it is deleted.
ALTER TABLE signing_key ALTER COLUMN private_key DROP NOT NULL;
ALTER TABLE signing_key ADD COLUMN encrypted_private_key BYTEA;
ALTER TABLE signing_key ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE signing_key ADD CONSTRAINT signing_key_private_half
    CHECK (retired_at IS NOT NULL OR private_key IS NOT NULL OR encrypted_private_key IS NOT NULL);

-- Password hashes live here only: not in the users read model, not in the events. Written in the
-- command's transaction (PasswordStore); a user's row goes with the user's row in users
-- (ON DELETE CASCADE), or alone with a DELETE here (the user then cannot log in with a password).
CREATE TABLE credential (
    user_id       VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash VARCHAR(100) NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO credential (user_id, password_hash) SELECT id, password_hash FROM users WHERE password_hash IS NOT NULL;
ALTER TABLE users DROP COLUMN password_hash;

-- UserRegistered and PasswordChanged of installs from before carried the hash in their payloads
-- (Jackson JSON): the newest hash of each user is in credential now, so the field is dropped from
-- the stored events, which then read as the events of today.
UPDATE domain_event_entry
SET payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'passwordHash')::text, 'UTF8')
WHERE payload_type IN ('org.conpaas.identity.user.api.UserRegistered', 'org.conpaas.identity.user.api.PasswordChanged')
  AND convert_from(payload, 'UTF8')::jsonb ? 'passwordHash';
