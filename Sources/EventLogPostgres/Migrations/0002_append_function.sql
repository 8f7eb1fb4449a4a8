-- cunshi_append: the one way events enter the log. One call is one atomic append to one or more streams.
--
-- p_streams[s], p_categories[s], p_expected[s] describe stream s; p_expected encodes the expected version:
-- -1 any, -2 stream exists, 0 no stream, n > 0 exactly n. Event e belongs to stream p_event_streams[e] (1-based).
-- p_counties holds '' for no county.
--
-- Idempotency: when every event id is already in the log with the same stream, type, schema version and payload,
-- nothing is written and the original rows are returned with out_duplicate = true. Any other overlap raises CS002.
-- A version that does not match raises CS001 with DETAIL 'stream_index:actual_version' — unless the ids turn out
-- to have been appended meanwhile by a racing retry, which is then answered as a duplicate.
-- Two racing appends may also end in unique_violation (23505); the caller calls again, and the second call resolves
-- into a duplicate, a CS001 conflict, or (for expected 'any') a success.
CREATE FUNCTION cunshi_append(
    p_streams text[],
    p_categories text[],
    p_expected bigint[],
    p_event_streams integer[],
    p_event_ids uuid[],
    p_types text[],
    p_schema_versions integer[],
    p_payloads jsonb[],
    p_metadata jsonb[],
    p_counties text[]
) RETURNS TABLE (out_event_id uuid, out_stream_id text, out_version bigint, out_position bigint, out_txid xid8,
                 out_duplicate boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_found integer;
    v_bad uuid;
    v_base bigint[];
    v_current bigint;
    v_expected bigint;
    v_conflict text;
BEGIN
    FOR v_attempt IN 1 .. 2 LOOP
        SELECT count(*) INTO v_found FROM cunshi_events e WHERE e.event_id = ANY (p_event_ids);
        IF v_found > 0 THEN
            SELECT t.id INTO v_bad
            FROM unnest(p_event_ids, p_event_streams, p_types, p_schema_versions, p_payloads) AS t(id, s, typ, sv, pl)
            LEFT JOIN cunshi_events e ON e.event_id = t.id
            WHERE e.event_id IS NULL OR e.stream_id <> p_streams[t.s] OR e.event_type <> t.typ
               OR e.schema_version <> t.sv OR e.payload <> t.pl
            LIMIT 1;
            IF v_bad IS NOT NULL THEN
                RAISE EXCEPTION 'event id % was appended before with other content or in another batch', v_bad
                    USING ERRCODE = 'CS002', DETAIL = v_bad::text;
            END IF;
            RETURN QUERY
                SELECT e.event_id, e.stream_id, e.version, e.position, e.txid, true
                FROM unnest(p_event_ids) WITH ORDINALITY AS t(id, ord)
                JOIN cunshi_events e ON e.event_id = t.id
                ORDER BY t.ord;
            RETURN;
        END IF;
        IF v_conflict IS NOT NULL THEN
            RAISE EXCEPTION 'stream version conflict' USING ERRCODE = 'CS001', DETAIL = v_conflict;
        END IF;

        v_base := array_fill(0::bigint, ARRAY[cardinality(p_streams)]);
        FOR s IN 1 .. cardinality(p_streams) LOOP
            SELECT coalesce(max(e.version), 0) INTO v_current FROM cunshi_events e WHERE e.stream_id = p_streams[s];
            v_expected := p_expected[s];
            IF NOT (v_expected = -1
                    OR (v_expected = -2 AND v_current > 0)
                    OR (v_expected >= 0 AND v_current = v_expected)) THEN
                v_conflict := s::text || ':' || v_current::text;
                EXIT;
            END IF;
            v_base[s] := v_current;
        END LOOP;

        IF v_conflict IS NULL THEN
            RETURN QUERY
                INSERT INTO cunshi_events AS e
                    (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county)
                SELECT p_streams[t.s], p_categories[t.s],
                       v_base[t.s] + row_number() OVER (PARTITION BY t.s ORDER BY t.ord),
                       t.id, t.typ, t.sv, t.pl, t.md, nullif(t.cty, '')
                FROM unnest(p_event_streams, p_event_ids, p_types, p_schema_versions, p_payloads, p_metadata, p_counties)
                     WITH ORDINALITY AS t(s, id, typ, sv, pl, md, cty, ord)
                ORDER BY t.ord
                RETURNING e.event_id, e.stream_id, e.version, e.position, e.txid, false;
            RETURN;
        END IF;
    END LOOP;
END
$$;
