-- Quotas and usage (issue #18). Portable SQL for H2 and PostgreSQL.
-- Usage counters: one row per user, channel and scope (counter_level USER, CHANNEL, SERVER; the
-- scope's own row has subject_id '*') per local day of the scope's time zone; a month is the sum
-- of its days. Rows are only ever incremented in one UPDATE each (never read, added to in Java and
-- written back), so several processes on one database neither lose nor double a charge.
CREATE TABLE quota_usage (
    platform      VARCHAR(16) NOT NULL,
    scope_id      VARCHAR(64) NOT NULL,
    counter_level VARCHAR(8)  NOT NULL,
    subject_id    VARCHAR(64) NOT NULL,
    usage_day     DATE        NOT NULL,
    messages      BIGINT      NOT NULL,
    tokens        BIGINT      NOT NULL,
    PRIMARY KEY (platform, scope_id, counter_level, subject_id, usage_day)
);

-- Admins' budgets instead of the configured ones: for a user (or 'everyone'), a role, a channel
-- or the server, in MESSAGES or TOKENS, per DAY or MONTH. A NULL allowance is unlimited.
CREATE TABLE quota_override (
    platform      VARCHAR(16) NOT NULL,
    scope_id      VARCHAR(64) NOT NULL,
    target_kind   VARCHAR(8)  NOT NULL,
    target_id     VARCHAR(64) NOT NULL,
    budget_unit   VARCHAR(8)  NOT NULL,
    budget_period VARCHAR(8)  NOT NULL,
    allowance     BIGINT,
    PRIMARY KEY (platform, scope_id, target_kind, target_id, budget_unit, budget_period)
);

-- The time zone whose midnight starts a scope's days and months, where its admins chose one.
CREATE TABLE quota_zone (
    platform VARCHAR(16) NOT NULL,
    scope_id VARCHAR(64) NOT NULL,
    zone_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (platform, scope_id)
);
