-- The event log: one append-only table of all streams (the kiosk's and the embedded store's copy).
--
-- SQLite has one writer at a time, so commit order is position order: readers read `position > cursor` and can
-- never pass an append that commits later. AUTOINCREMENT keeps positions from ever being reused.
CREATE TABLE cunshi_events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id      TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    version        INTEGER NOT NULL CHECK (version >= 1),
    event_id       TEXT    NOT NULL UNIQUE,           -- lowercase UUID text
    event_type     TEXT    NOT NULL,
    schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
    payload        TEXT    NOT NULL,                  -- the JSON object as the client sent it, UTF-8
    metadata       TEXT    NOT NULL,                  -- EventLogJSON of EventMetadata
    county         TEXT,
    recorded_at    TEXT    NOT NULL,                  -- ISO 8601 UTC with milliseconds
    UNIQUE (stream_id, version)
);

CREATE INDEX cunshi_events_category_order ON cunshi_events (category, position);
CREATE INDEX cunshi_events_county_order ON cunshi_events (county, position) WHERE county IS NOT NULL;

-- The log is immutable: no UPDATE or DELETE, whoever asks.
CREATE TRIGGER cunshi_events_no_update BEFORE UPDATE ON cunshi_events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER cunshi_events_no_delete BEFORE DELETE ON cunshi_events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

-- INSERT OR REPLACE deletes the row it conflicts with without firing DELETE triggers (unless recursive_triggers is
-- on), so an insert that would collide with an existing event is refused before the conflict is ever resolved.
CREATE TRIGGER cunshi_events_no_replace BEFORE INSERT ON cunshi_events
WHEN EXISTS (
    SELECT 1 FROM cunshi_events
    WHERE event_id = NEW.event_id OR (stream_id = NEW.stream_id AND version = NEW.version) OR position = NEW.position
)
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
