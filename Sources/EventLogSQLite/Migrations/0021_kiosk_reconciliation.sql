-- A kiosk's reconciliation after a repair (Sources/Sync, docs/sync.md). When the hub's log turns out not to be the one
-- the replica copied (a new epoch, or no event at the pull cursor), the pull starts again from the start of the hub's
-- log. repair_head is the replica's last position at that moment; every event at or below it that the new pull brings
-- again is listed in cunshi_kiosk_reconfirmed. Once the pull reaches the end, an event at or below repair_head that is
-- not listed is one the hub no longer holds: the replica has diverged, and diverged_events says how many (for the
-- kiosk's status screen). All three are cleared when nothing is missing.
ALTER TABLE cunshi_kiosk_state ADD COLUMN repair_head INTEGER;
ALTER TABLE cunshi_kiosk_state ADD COLUMN diverged_events INTEGER;

CREATE TABLE cunshi_kiosk_reconfirmed (
    position INTEGER PRIMARY KEY
);
