-- Read models of the projections (Sources/Projections). Declared once in Swift (ReadModelTables.swift); these
-- tables must match those declarations (ProjectionsTests checks it).
--
-- Every read-model table is keyed by (generation, key): a rebuild writes generation n+1 beside n, and readers
-- switch when rm_projections.active_generation changes, in the same transaction as the rebuild's checkpoint.

CREATE TABLE rm_projections (
    name               text    PRIMARY KEY,
    active_generation  integer NOT NULL DEFAULT 1 CHECK (active_generation >= 1),
    building_generation integer CHECK (building_generation >= 1)
);

-- One checkpoint per projection and generation, written in the same transaction as the read-model rows it covers.
-- cursor is the LogCursor token; stop (JSON) says why a generation stopped (a poison event names the event).
CREATE TABLE rm_checkpoints (
    name                text    NOT NULL,
    generation          integer NOT NULL,
    cursor              text    NOT NULL,
    position            bigint  NOT NULL,
    last_recorded_at_ms bigint,
    events_seen         bigint  NOT NULL,
    updated_at_ms       bigint  NOT NULL,
    stop                jsonb,
    PRIMARY KEY (name, generation)
);

CREATE TABLE rm_catalog_items (
    generation integer NOT NULL,
    key text NOT NULL,
    county text,
    village_id text,
    status text,
    kind text,
    title_sort text,
    search_text text,
    published_at_ms bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_catalog_items_county ON rm_catalog_items (generation, county);
CREATE INDEX rm_catalog_items_village_id ON rm_catalog_items (generation, village_id);
CREATE INDEX rm_catalog_items_status ON rm_catalog_items (generation, status);

CREATE TABLE rm_catalog_villages (
    generation integer NOT NULL,
    key text NOT NULL,
    county text,
    name_sort text,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_catalog_villages_county ON rm_catalog_villages (generation, county);

CREATE TABLE rm_item_history (
    generation integer NOT NULL,
    key text NOT NULL,
    item_id text,
    position bigint,
    version bigint,
    event_type text,
    actor text,
    device_id text,
    recorded_at_ms bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_item_history_item_id ON rm_item_history (generation, item_id);

CREATE TABLE rm_review_queue (
    generation integer NOT NULL,
    key text NOT NULL,
    subject_kind text,
    county text,
    village_id text,
    status text,
    submitted_at_ms bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_review_queue_county ON rm_review_queue (generation, county);
CREATE INDEX rm_review_queue_status ON rm_review_queue (generation, status);

CREATE TABLE rm_rights_audit (
    generation integer NOT NULL,
    key text NOT NULL,
    county text,
    village_id text,
    issues text,
    has_issues bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_rights_audit_county ON rm_rights_audit (generation, county);

CREATE TABLE rm_published_tours (
    generation integer NOT NULL,
    key text NOT NULL,
    village_id text,
    county text,
    status text,
    published_version bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_published_tours_village_id ON rm_published_tours (generation, village_id);

CREATE TABLE rm_tour_item_cards (
    generation integer NOT NULL,
    key text NOT NULL,
    status text,
    doc jsonb,
    PRIMARY KEY (generation, key)
);

CREATE TABLE rm_market_listings (
    generation integer NOT NULL,
    key text NOT NULL,
    status text,
    counties text,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_market_listings_status ON rm_market_listings (generation, status);

CREATE TABLE rm_market_offers (
    generation integer NOT NULL,
    key text NOT NULL,
    listing_id text,
    status text,
    valid_until_ms bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_market_offers_listing_id ON rm_market_offers (generation, listing_id);

CREATE TABLE rm_market_deals (
    generation integer NOT NULL,
    key text NOT NULL,
    listing_id text,
    status text,
    term_end text,
    counties text,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_market_deals_listing_id ON rm_market_deals (generation, listing_id);
CREATE INDEX rm_market_deals_status ON rm_market_deals (generation, status);

CREATE TABLE rm_market_grants (
    generation integer NOT NULL,
    key text NOT NULL,
    item_id text,
    deal_id text,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_market_grants_item_id ON rm_market_grants (generation, item_id);

CREATE TABLE rm_fleet_devices (
    generation integer NOT NULL,
    key text NOT NULL,
    county text,
    status text,
    last_seen_ms bigint,
    events_recorded bigint,
    last_device_sequence bigint,
    doc jsonb,
    PRIMARY KEY (generation, key)
);
CREATE INDEX rm_fleet_devices_county ON rm_fleet_devices (generation, county);

-- The hub's application role reads and writes the read models (never the log: see 0003).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cunshi_app') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON rm_projections, rm_checkpoints, rm_catalog_items, rm_catalog_villages, rm_item_history, rm_review_queue, rm_rights_audit, rm_published_tours, rm_tour_item_cards, rm_market_listings, rm_market_offers, rm_market_deals, rm_market_grants, rm_fleet_devices TO cunshi_app;
    END IF;
END
$$;
