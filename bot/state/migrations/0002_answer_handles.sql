-- Answer handles: button custom ids carry a 16-hex-digit hash; the command and options it stands for live
-- here, so "Show quotes" and page buttons on old messages keep working after a restart.
CREATE TABLE answer_handles (
    handle     TEXT PRIMARY KEY,
    key_json   TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Small key/value facts the bot keeps about itself, e.g. the signature of the last command set it synced,
-- so that it registers commands with Discord only when they changed.
CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
