-- The hub's application role may read the log and append to it, and nothing else: it does not own
-- the table, so it can neither change rows (the triggers refuse) nor drop or disable the triggers.
-- Production: run migrations as the owner, and connect the hub as a LOGIN role that is a member of cunshi_app.
-- When the migrating role may not create roles, the role is left for an administrator to create (a NOTICE says so).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cunshi_app') THEN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            BEGIN
                CREATE ROLE cunshi_app NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        ELSE
            RAISE NOTICE 'role cunshi_app is missing and % may not create it: grants skipped', current_user;
        END IF;
    END IF;
    REVOKE ALL ON cunshi_events FROM PUBLIC;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cunshi_app') THEN
        GRANT SELECT, INSERT ON cunshi_events TO cunshi_app;
    END IF;
END
$$;
