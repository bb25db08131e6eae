-- The answers that offer Regenerate (#19), kept for 24 hours so that a button pressed after a
-- restart still works. One row per answer, by the message carrying its button; the question is
-- kept whole (its author and text) because a regeneration asks it again. /forget me deletes the
-- rows of its user; replaced and expired rows are deleted by the bot. Portable SQL for H2 and
-- PostgreSQL.
CREATE TABLE regenerable_answer (
    platform          VARCHAR(16)     NOT NULL,
    channel_id        VARCHAR(64)     NOT NULL,
    button_message    VARCHAR(64)     NOT NULL,
    scope_id          VARCHAR(64)     NOT NULL,
    thread_id         VARCHAR(64),
    shown_by          VARCHAR(4000)   NOT NULL,
    question_id       VARCHAR(64)     NOT NULL,
    author_id         VARCHAR(64)     NOT NULL,
    author_name       VARCHAR(400)    NOT NULL,
    author_roles      VARCHAR(4000)   NOT NULL,
    author_admin      BOOLEAN         NOT NULL,
    question_text     VARCHAR(100000) NOT NULL,
    reply_to          VARCHAR(64),
    mentions_bot      BOOLEAN         NOT NULL,
    direct_message    BOOLEAN         NOT NULL,
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    conversation_root VARCHAR(64),
    answer_text       VARCHAR(100000) NOT NULL,
    exchange_id       BIGINT,
    shown_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, channel_id, button_message)
);

CREATE INDEX regenerable_answer_shown ON regenerable_answer (shown_at);
CREATE INDEX regenerable_answer_author ON regenerable_answer (platform, scope_id, author_id);
