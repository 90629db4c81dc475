-- Which sync last wrote a link's record (its workflow run and activity, the same across the
-- activity's attempts) and whether that write created it: a retried attempt that meets its own
-- earlier write reports what that write did (created, not "updated" or "unchanged") and does not
-- mistake it for someone else's change (no false conflict).
ALTER TABLE record_link ADD COLUMN written_by VARCHAR(200);
ALTER TABLE record_link ADD COLUMN created_by_write BOOLEAN DEFAULT FALSE NOT NULL;
