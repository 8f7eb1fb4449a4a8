-- The hub's application role may read the log and append through cunshi_append, and nothing else: it does not own
-- the table, so it can neither change rows (the triggers refuse) nor drop or disable the triggers.
-- Production: connect the hub as a LOGIN role that is a member of cunshi_app; run migrations as the owner.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cunshi_app') THEN
        CREATE ROLE cunshi_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

REVOKE ALL ON cunshi_events FROM PUBLIC;
GRANT SELECT, INSERT ON cunshi_events TO cunshi_app;
GRANT EXECUTE ON FUNCTION cunshi_append(text[], text[], bigint[], integer[], uuid[], text[], integer[], jsonb[], jsonb[], text[]) TO cunshi_app;
