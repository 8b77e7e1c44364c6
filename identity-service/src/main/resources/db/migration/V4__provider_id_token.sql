-- The ID token the identity provider signed a single sign-on in with, carried from the one-time
-- code to the refresh tokens of that sign-in, so logout can send it to the provider's end-session
-- endpoint as id_token_hint (the provider then ends its session without asking to confirm).
-- Null for password logins.
ALTER TABLE sso_code ADD COLUMN provider_id_token TEXT;
ALTER TABLE refresh_token ADD COLUMN provider_id_token TEXT;
