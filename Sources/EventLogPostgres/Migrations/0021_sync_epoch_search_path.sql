-- cunshi_sync_epoch() and cunshi_sync_new_epoch() (0020) looked their table up in pg_catalog and public only, so a hub
-- whose tables live in another schema (its search_path) could not read its epoch. They now resolve names with the
-- search path the migrations run with; pg_catalog is always searched first.
ALTER FUNCTION cunshi_sync_epoch() SET search_path FROM CURRENT;
ALTER FUNCTION cunshi_sync_new_epoch() SET search_path FROM CURRENT;
