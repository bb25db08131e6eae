-- A user's own data (/export, /forget me; #18). Portable SQL for H2 and PostgreSQL.
-- Who asked each archived exchange, so that a user's own turns can be found. Exchanges archived
-- before this migration have '' here: they name no author, and /forget me cannot find them (they
-- go with the retention period, /reset of their conversation or /bot history off; docs/privacy.md).
ALTER TABLE history_exchange ADD COLUMN user_id VARCHAR(64) DEFAULT '' NOT NULL;

CREATE INDEX history_exchange_user ON history_exchange (platform, scope_id, user_id);
CREATE INDEX feedback_exchange_author ON feedback_exchange (platform, scope_id, author_id);
CREATE INDEX audit_log_actor ON audit_log (platform, scope_id, actor_id);
CREATE INDEX accepted_question_author ON accepted_question (platform, scope_id, author_id);
