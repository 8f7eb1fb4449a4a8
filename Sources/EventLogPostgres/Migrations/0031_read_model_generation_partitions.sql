-- Every read-model table becomes partitioned by generation. A rebuild writes its generation into a partition of its
-- own (created by the projection storage when the rebuild begins, `<table>_g<generation>`), and the old generation
-- is dropped with its partition after the switch: no million-row DELETE, no dead rows for autovacuum to chase while
-- the hub serves, and the new generation's indexes hold only its own rows.
--
-- The table as it was becomes the DEFAULT partition: the generations it holds stay where they are (nothing is
-- copied), and so does any generation without a partition of its own (the first one, or one whose partition could
-- not be created); such a generation is dropped with DELETE, as before.
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY[
        'rm_catalog_items', 'rm_catalog_villages', 'rm_item_history', 'rm_review_queue', 'rm_rights_audit',
        'rm_published_tours', 'rm_tour_item_cards', 'rm_market_listings', 'rm_market_offers', 'rm_market_deals',
        'rm_market_grants', 'rm_fleet_devices'
    ] LOOP
        EXECUTE format('ALTER TABLE %I RENAME TO %I', name, name || '_default');
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL) PARTITION BY LIST (generation)', name, name || '_default');
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I DEFAULT', name, name || '_default');
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cunshi_app') THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO cunshi_app', name);
        END IF;
    END LOOP;
END
$$;
