-- A job may pull a record's missing parent through on demand instead of deferring the record.
ALTER TABLE sync_job ADD COLUMN pull_missing_parents BOOLEAN DEFAULT FALSE NOT NULL;
