-- Review queue leftovers (#18). Portable SQL for H2 and PostgreSQL.

-- A strike names the blocked message, so a review that finds the block wrong takes it back.
ALTER TABLE access_strike ADD COLUMN message_id VARCHAR(128);
CREATE INDEX access_strike_message ON access_strike (platform, scope_id, user_id, message_id);

-- Resolved items are deleted after parley.review.retention; this finds them without a scan.
CREATE INDEX review_item_resolved ON review_item (resolved_at);

-- An item keeps no more of a blocked text than the redacted excerpt the admins were shown: the whole
-- texts kept under /moderation excerpt redacted before V15 are dropped, and blocked_text stays empty.
UPDATE review_item SET blocked_text = NULL WHERE blocked_text IS NOT NULL;
