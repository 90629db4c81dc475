-- The id of the last record a run did at its cursor's instant, where the source's change query orders by
-- time and then id (Salesforce: SystemModstamp, Id) and the instant was complete when the run read it. The
-- next run starts past that record instead of at the instant, so a run with nothing changed reads nothing.
ALTER TABLE sync_cursor ADD COLUMN last_id_at_cursor VARCHAR(64);
