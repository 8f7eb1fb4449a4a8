-- The event log: one append-only table of all streams.
--
-- Reading order is (txid, position). txid is the appending transaction's id (xid8); a reader only reads rows whose
-- txid is below the oldest transaction still running (pg_snapshot_xmin), so it can never pass an append that commits
-- later, and writers to different streams never wait on one another.
CREATE TABLE cunshi_events (
    position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    stream_id      text        NOT NULL CHECK (octet_length(stream_id) BETWEEN 1 AND 200),
    category       text        NOT NULL,
    version        bigint      NOT NULL CHECK (version >= 1),
    event_id       uuid        NOT NULL,
    event_type     text        NOT NULL CHECK (octet_length(event_type) BETWEEN 1 AND 100),
    schema_version integer     NOT NULL CHECK (schema_version >= 1),
    payload        jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    metadata       jsonb       NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    county         text,
    recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT cunshi_events_stream_version UNIQUE (stream_id, version),
    CONSTRAINT cunshi_events_event_id UNIQUE (event_id)
);

CREATE INDEX cunshi_events_log_order ON cunshi_events (txid, position);
CREATE INDEX cunshi_events_category_order ON cunshi_events (category, txid, position);
CREATE INDEX cunshi_events_county_order ON cunshi_events (county, txid, position) WHERE county IS NOT NULL;

-- The log is immutable: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION cunshi_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'CS003';
END
$$;

CREATE TRIGGER cunshi_events_immutable BEFORE UPDATE OR DELETE ON cunshi_events
    FOR EACH ROW EXECUTE FUNCTION cunshi_refuse_change();
CREATE TRIGGER cunshi_events_no_truncate BEFORE TRUNCATE ON cunshi_events
    FOR EACH STATEMENT EXECUTE FUNCTION cunshi_refuse_change();
