-- The hub's log epoch for kiosk sync (Sources/Sync, docs/sync.md).
--
-- A kiosk remembers the epoch it last saw. The epoch changes when this database is not the one the kiosk talked to
-- before, so that the kiosk re-sends what the hub may no longer hold and re-pulls from the start:
--   * the uuid below is made once per database, and rotated by cunshi_sync_new_epoch() (run it after any restore);
--   * the database's oid changes on a logical restore (pg_dump/pg_restore, CREATE DATABASE … TEMPLATE);
--   * the cluster's system identifier changes on a new cluster (initdb + restore);
--   * the timeline changes on a point-in-time recovery and on the promotion of a replica (which may lack the last
--     commits of the old primary).
-- Kiosks also compare the hub's high-water mark of their pushes with what they know was acknowledged, which catches
-- a restore that changes none of these.
CREATE TABLE cunshi_sync_epoch (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch      uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO cunshi_sync_epoch (epoch) VALUES (gen_random_uuid());

CREATE FUNCTION cunshi_sync_epoch() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    current_epoch uuid;
    database_oid  text;
    system_id     text := '';
    timeline      text := '';
BEGIN
    SELECT epoch INTO current_epoch FROM cunshi_sync_epoch;
    SELECT oid::text INTO database_oid FROM pg_database WHERE datname = current_database();
    BEGIN
        SELECT system_identifier::text INTO system_id FROM pg_control_system();
        SELECT timeline_id::text INTO timeline FROM pg_control_checkpoint();
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;  -- the owner may not read pg_control: the uuid and oid still change on a restore
    END;
    RETURN current_epoch::text || '.' || database_oid || '.' || coalesce(system_id, '') || '.' || coalesce(timeline, '');
END
$$;

CREATE FUNCTION cunshi_sync_new_epoch() RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    UPDATE cunshi_sync_epoch SET epoch = gen_random_uuid(), created_at = now();
    RETURN cunshi_sync_epoch();
END
$$;

DO $$
BEGIN
    REVOKE ALL ON FUNCTION cunshi_sync_new_epoch() FROM PUBLIC;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cunshi_app') THEN
        GRANT EXECUTE ON FUNCTION cunshi_sync_epoch() TO cunshi_app;
    END IF;
END
$$;
