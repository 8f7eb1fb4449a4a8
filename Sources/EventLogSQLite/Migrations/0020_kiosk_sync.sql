-- A kiosk's sync state (Sources/Sync, docs/sync.md). Harmless in a file that is not a kiosk's: the tables stay empty.
--
-- cunshi_events holds only what the hub has in its order (pulled events, the kiosk's own included once they come back).
-- What the kiosk recorded offline waits in cunshi_outbox, one row per command, numbered gaplessly.

-- One row: who the kiosk is, where the hub is, and how far it has synced.
CREATE TABLE cunshi_kiosk_state (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id       TEXT    NOT NULL,
    hub_url         TEXT    NOT NULL,
    credential      TEXT    NOT NULL,
    county          TEXT,                              -- as the hub last told it (hello)
    pull_cursor     TEXT    NOT NULL DEFAULT '0.0',    -- LogCursor token of the last applied pulled event
    hub_epoch       TEXT,                              -- the hub's log epoch the cursor and acks belong to
    next_seq        INTEGER NOT NULL DEFAULT 1 CHECK (next_seq >= 1),
    acked_seq       INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),   -- the hub's high-water mark, as last seen
    hlc_ms          INTEGER NOT NULL DEFAULT 0,
    hlc_counter     INTEGER NOT NULL DEFAULT 0,
    revoked_message TEXT,                              -- set once the hub refused the device: never retried
    last_push_at    TEXT,
    last_pull_at    TEXT,
    skew_ms         INTEGER,
    skew_flagged    INTEGER NOT NULL DEFAULT 0
);

-- One row per command recorded on the kiosk, device_seq 1, 2, 3, … without gaps.
CREATE TABLE cunshi_outbox (
    device_seq    INTEGER PRIMARY KEY,
    command_id    TEXT    NOT NULL UNIQUE,
    target_stream TEXT    NOT NULL,
    entry         TEXT    NOT NULL,                    -- PushEntry JSON: command, actor, decided version, events, clocks
    recorded_at   TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'appended', 'duplicate', 'rebased', 'conflict', 'quarantined')),
    hub_epoch     TEXT,
    acked_at      TEXT,
    hub_positions TEXT,
    conflict_code TEXT
);

CREATE INDEX cunshi_outbox_stream ON cunshi_outbox (target_stream, device_seq);

CREATE TRIGGER cunshi_outbox_gapless BEFORE INSERT ON cunshi_outbox
WHEN NEW.device_seq IS NOT (SELECT next_seq FROM cunshi_kiosk_state WHERE singleton = 1)
BEGIN
    SELECT RAISE(ABORT, 'device_seq must be the next gapless sequence number');
END;

CREATE TRIGGER cunshi_outbox_advance AFTER INSERT ON cunshi_outbox
BEGIN
    UPDATE cunshi_kiosk_state SET next_seq = NEW.device_seq + 1 WHERE singleton = 1;
END;

-- Acknowledgement is not deletion: an entry above the hub's high-water mark can never be deleted.
CREATE TRIGGER cunshi_outbox_keep_unconfirmed BEFORE DELETE ON cunshi_outbox
WHEN OLD.device_seq > (SELECT acked_seq FROM cunshi_kiosk_state WHERE singleton = 1)
BEGIN
    SELECT RAISE(ABORT, 'an outbox entry the hub has not confirmed cannot be deleted');
END;

CREATE TRIGGER cunshi_outbox_entry_immutable BEFORE UPDATE OF device_seq, command_id, target_stream, entry ON cunshi_outbox
BEGIN
    SELECT RAISE(ABORT, 'an outbox entry is immutable');
END;
