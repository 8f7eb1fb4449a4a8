-- cunshi_append: the one way events enter the log. One call commits a GROUP of independent appends in one
-- transaction (group commit); each append is atomic on its own, across one or more streams, and succeeds or is
-- refused without affecting the others.
--
-- Stream s (1-based) belongs to append p_stream_requests[s] and has p_streams[s], p_categories[s] and the expected
-- version p_expected[s]: -1 any, -2 stream exists, 0 no stream, n > 0 exactly n. Event e belongs to stream
-- p_event_streams[e]. p_counties holds '' for no county. No two appends of one call may share a stream.
--
-- Result rows, by append:
--   'appended'  one row per event: its id, version, position and txid;
--   'duplicate' every event id was already in the log with the same stream, type, schema version and payload:
--               nothing is written and one row per event gives the original;
--   'mismatch'  an id was appended before with other content or in another batch (out_event_id names it);
--   'conflict'  a stream's version did not satisfy the expectation (out_stream = s, out_version = actual).
-- Idempotency is checked before versions, and again for an append that conflicted, in case a racing retry of the
-- same events committed meanwhile. Two racing calls may still end in unique_violation (23505); nothing is then
-- written, and the caller calls again with each append on its own.
CREATE FUNCTION cunshi_append(
    p_stream_requests integer[],
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
) RETURNS TABLE (out_request integer, out_status text, out_event_id uuid, out_stream integer, out_version bigint,
                 out_position bigint, out_txid xid8)
LANGUAGE plpgsql AS $$
DECLARE
    v_status text[];
    v_detail text[];
    v_base bigint[];
    v_check integer[];
    v_row record;
BEGIN
    v_status := array_fill(NULL::text, ARRAY[(SELECT max(r) FROM unnest(p_stream_requests) r)]);
    v_detail := v_status;
    v_base := array_fill(0::bigint, ARRAY[cardinality(p_streams)]);

    FOR v_pass IN 1 .. 2 LOOP
        -- Idempotency: which appends' ids are already in the log, and are they the same events?
        v_check := CASE WHEN v_pass = 1 THEN NULL
                        ELSE ARRAY(SELECT r FROM generate_subscripts(v_status, 1) r WHERE v_status[r] = 'conflict') END;
        EXIT WHEN v_pass = 2 AND cardinality(v_check) = 0;
        FOR v_row IN
            SELECT p_stream_requests[t.s] AS r,
                   (array_agg(t.id ORDER BY t.ord) FILTER (WHERE e.event_id IS NULL OR e.stream_id <> p_streams[t.s]
                        OR e.event_type <> t.typ OR e.schema_version <> t.sv OR e.payload <> t.pl))[1] AS bad
            FROM unnest(p_event_ids, p_event_streams, p_types, p_schema_versions, p_payloads)
                 WITH ORDINALITY AS t(id, s, typ, sv, pl, ord)
            LEFT JOIN cunshi_events e ON e.event_id = t.id
            WHERE v_check IS NULL OR p_stream_requests[t.s] = ANY (v_check)
            GROUP BY p_stream_requests[t.s]
            HAVING bool_or(e.event_id IS NOT NULL)
        LOOP
            v_status[v_row.r] := CASE WHEN v_row.bad IS NULL THEN 'duplicate' ELSE 'mismatch' END;
            v_detail[v_row.r] := v_row.bad::text;
        END LOOP;
        EXIT WHEN v_pass = 2;

        -- Versions: each remaining append's streams against their expectations.
        FOR v_row IN
            SELECT u.s, p_stream_requests[u.s] AS r, coalesce(m.version, 0) AS current
            FROM generate_subscripts(p_streams, 1) AS u(s)
            LEFT JOIN LATERAL (SELECT e.version FROM cunshi_events e WHERE e.stream_id = p_streams[u.s]
                               ORDER BY e.version DESC LIMIT 1) m ON true
            WHERE v_status[p_stream_requests[u.s]] IS NULL
            ORDER BY u.s
        LOOP
            CONTINUE WHEN v_status[v_row.r] IS NOT NULL;
            IF p_expected[v_row.s] = -1
               OR (p_expected[v_row.s] = -2 AND v_row.current > 0)
               OR (p_expected[v_row.s] >= 0 AND v_row.current = p_expected[v_row.s]) THEN
                v_base[v_row.s] := v_row.current;
            ELSE
                v_status[v_row.r] := 'conflict';
                v_detail[v_row.r] := v_row.s::text || ':' || v_row.current::text;
            END IF;
        END LOOP;
    END LOOP;

    RETURN QUERY
        INSERT INTO cunshi_events AS e
            (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county)
        SELECT p_streams[t.s], p_categories[t.s],
               v_base[t.s] + row_number() OVER (PARTITION BY t.s ORDER BY t.ord),
               t.id, t.typ, t.sv, t.pl, t.md, nullif(t.cty, '')
        FROM unnest(p_event_streams, p_event_ids, p_types, p_schema_versions, p_payloads, p_metadata, p_counties)
             WITH ORDINALITY AS t(s, id, typ, sv, pl, md, cty, ord)
        WHERE v_status[p_stream_requests[t.s]] IS NULL
        ORDER BY t.ord
        RETURNING NULL::integer, 'appended'::text, e.event_id, NULL::integer, e.version, e.position, e.txid;

    RETURN QUERY
        SELECT p_stream_requests[t.s], 'duplicate'::text, e.event_id, NULL::integer, e.version, e.position, e.txid
        FROM unnest(p_event_ids, p_event_streams) WITH ORDINALITY AS t(id, s, ord)
        JOIN cunshi_events e ON e.event_id = t.id
        WHERE v_status[p_stream_requests[t.s]] = 'duplicate'
        ORDER BY t.ord;

    RETURN QUERY
        SELECT r, v_status[r],
               CASE WHEN v_status[r] = 'mismatch' THEN v_detail[r]::uuid END,
               CASE WHEN v_status[r] = 'conflict' THEN split_part(v_detail[r], ':', 1)::integer END,
               CASE WHEN v_status[r] = 'conflict' THEN split_part(v_detail[r], ':', 2)::bigint END,
               NULL::bigint, NULL::xid8
        FROM generate_subscripts(v_status, 1) AS r
        WHERE v_status[r] IN ('mismatch', 'conflict');
END
$$;
