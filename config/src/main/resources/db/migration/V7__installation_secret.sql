-- Secrets this installation makes for itself at its first start, one row per purpose; the first is
-- 'audit-hash', the key of the HMAC-SHA256 that names blocked texts in the audit log. Base64 text,
-- so one column type serves H2 and PostgreSQL. The primary key lets two processes starting on one
-- database both insert and keep the one row that won.
CREATE TABLE installation_secret (
    name    VARCHAR(32)  NOT NULL PRIMARY KEY,
    secret  VARCHAR(256) NOT NULL,
    created TIMESTAMP WITH TIME ZONE NOT NULL
);
