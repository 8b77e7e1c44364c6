-- The identity at an external provider ("issuer|subject") a user signs in with, for single sign-on.
ALTER TABLE users ADD COLUMN external_id VARCHAR(500) UNIQUE;
