-- The persona an admin picked for a channel.
CREATE TABLE channel_persona (
    platform   VARCHAR(16) NOT NULL,
    scope_id   VARCHAR(64) NOT NULL,
    channel_id VARCHAR(64) NOT NULL,
    persona    VARCHAR(32) NOT NULL,
    PRIMARY KEY (platform, scope_id, channel_id)
);
