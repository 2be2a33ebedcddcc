-- Users created by the hub itself (the generated first administrator). Users from configuration are not
-- stored. Only BCrypt hashes are kept.
CREATE TABLE ops.app_user (
    username       text PRIMARY KEY,
    password_hash  text NOT NULL,
    role           text NOT NULL CHECK (role IN ('ADMIN', 'VIEWER')),
    created_at     timestamptz NOT NULL DEFAULT now()
);
