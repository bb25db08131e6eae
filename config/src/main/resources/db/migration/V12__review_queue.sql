-- The review queue (#18): each block reported to an audit channel waits here for one admin.
-- blocked_text is kept only where the scope's policy keeps more than hashes (excerpt redacted);
-- resolved_by stays NULL while pending, and is set once by a conditional UPDATE.
-- Portable SQL for H2 and PostgreSQL.
CREATE TABLE review_item (
    id                VARCHAR(16)   NOT NULL PRIMARY KEY,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    platform          VARCHAR(16)   NOT NULL,
    scope_id          VARCHAR(64)   NOT NULL,
    channel_id        VARCHAR(64)   NOT NULL,
    thread_id         VARCHAR(64),
    author_id         VARCHAR(64)   NOT NULL,
    message_id        VARCHAR(128)  NOT NULL,
    direction         VARCHAR(8)    NOT NULL,
    category          VARCHAR(64)   NOT NULL,
    rule_name         VARCHAR(128)  NOT NULL,
    scores            VARCHAR(1000) NOT NULL,
    text_hash         VARCHAR(64)   NOT NULL,
    blocked_text      VARCHAR(100000),
    excerpt           VARCHAR(400),
    resolution        VARCHAR(32),
    resolved_by       VARCHAR(64),
    resolved_at       TIMESTAMP WITH TIME ZONE,
    resolution_detail VARCHAR(400)
);

CREATE INDEX review_item_scope ON review_item (platform, scope_id, resolved_at, created_at);
