-- briefbot state database, schema version 1: digest subscriptions, their delivery log and rotation state.
--
-- Conventions
--   * Instants are TEXT in UTC, ISO 8601 with microseconds and '+00:00' (fixed width), so string order is
--     time order and comparisons work in SQL.
--   * Discord snowflakes are INTEGER (they fit in SQLite's signed 64 bits).
--   * Nothing is ever hard-deleted: a removed subscription keeps its row (removed_at) and its history.
--     ON DELETE RESTRICT makes that a schema guarantee, not just a code convention.
--   * CHECK constraints hold the enums; a new status therefore needs a table rebuild migration, which the
--     runner supports (foreign keys are off during migrations and re-checked before commit).

CREATE TABLE subscriptions (
    -- AUTOINCREMENT: ids are never reused, so "#12" in an old log line always means the same subscription.
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL,
    channel_id    INTEGER NOT NULL,
    created_by    INTEGER NOT NULL,
    frequency     TEXT    NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    time          TEXT    NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
    timezone      TEXT    NOT NULL,
    weekday       INTEGER CHECK (weekday BETWEEN 0 AND 6),
    country       TEXT,
    topic         TEXT,
    size          INTEGER NOT NULL DEFAULT 5 CHECK (size BETWEEN 1 AND 10),
    status        TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    last_slot     TEXT,  -- schedule watermark: slots at or before it have been dealt with
    removed_at    TEXT,  -- soft delete
    CHECK ((frequency = 'daily' AND weekday IS NULL) OR (frequency = 'weekly' AND weekday IS NOT NULL))
);

CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id) WHERE removed_at IS NULL;
CREATE INDEX subscriptions_live ON subscriptions (status) WHERE removed_at IS NULL;

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE RESTRICT,
    -- The idempotency key: the scheduled instant, or 'manual:<instant>' for a send-now. At most one row,
    -- hence at most one post, per (subscription, slot) - across tasks, processes, crashes and restarts.
    slot            TEXT    NOT NULL,
    slot_at         TEXT    NOT NULL,  -- the instant itself, for ordering and display
    kind            TEXT    NOT NULL CHECK (kind IN ('scheduled', 'manual')),
    channel_id      INTEGER,           -- where it went (subscriptions can move channels)
    status          TEXT    NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'missed', 'skipped')),
    reason          TEXT,
    message_id      INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    fact_ids        TEXT    NOT NULL DEFAULT '[]',  -- JSON array of fact ids shown in this digest
    created_at      TEXT    NOT NULL,
    finished_at     TEXT,
    UNIQUE (subscription_id, slot)
);

CREATE INDEX deliveries_by_subscription ON deliveries (subscription_id, slot_at);
CREATE INDEX deliveries_claimed ON deliveries (created_at) WHERE status = 'claimed';

-- Rotation: facts a subscription has already been shown since its last rotation reset.
CREATE TABLE shown_facts (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE RESTRICT,
    fact_id         TEXT    NOT NULL,
    slot            TEXT    NOT NULL,  -- the delivery slot key that showed it (latest, if shown again)
    PRIMARY KEY (subscription_id, fact_id)
) WITHOUT ROWID;
