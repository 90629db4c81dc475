-- record_link becomes per Salesforce object: one QBO record may have a counterpart in several
-- Salesforce objects (a QBO invoice is an Invoice__c and, when it came from a deal, an Opportunity).
-- Each link keeps what the sync last wrote or read on both sides, which decides "unchanged", echoes
-- and conflicts: the QBO SyncToken and the Salesforce SystemModstamp after the sync. The table is
-- rebuilt under a new name and renamed back, because H2 and PostgreSQL name primary keys differently.
CREATE TABLE record_link_v10 (
    company_id           VARCHAR(64)   NOT NULL,
    object               VARCHAR(32)   NOT NULL,
    qbo_id               VARCHAR(64)   NOT NULL,
    sf_object            VARCHAR(80)   NOT NULL,
    salesforce_id        VARCHAR(18)   NOT NULL,
    qbo_sync_token       VARCHAR(32),
    content_hash         VARCHAR(64)   NOT NULL,
    sf_modstamp          TIMESTAMP WITH TIME ZONE,
    last_direction       VARCHAR(32)   NOT NULL,
    synced_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, object, sf_object, qbo_id)
);

-- Until now only Customers synced, to Accounts.
INSERT INTO record_link_v10 (company_id, object, qbo_id, sf_object, salesforce_id, qbo_sync_token, content_hash,
                       sf_modstamp, last_direction, synced_at)
SELECT company_id, object, qbo_id, 'Account', salesforce_id, qbo_sync_token, content_hash, NULL, last_direction,
       synced_at
FROM record_link
WHERE salesforce_id IS NOT NULL;

DROP TABLE record_link;
ALTER TABLE record_link_v10 RENAME TO record_link;
CREATE INDEX ix_record_link_salesforce ON record_link (company_id, object, sf_object, salesforce_id);

-- Records whose parent is missing in the target: retried at the start of the object's next sync
-- (and when the parent's object has synced), an error only after the configured attempts.
CREATE TABLE deferred_record (
    company_id           VARCHAR(64)   NOT NULL,
    object               VARCHAR(32)   NOT NULL,
    direction            VARCHAR(32)   NOT NULL,
    source_id            VARCHAR(64)   NOT NULL,
    missing_parents      VARCHAR(1000) NOT NULL,
    attempts             INT           NOT NULL,
    job_id               VARCHAR(64),
    run_id               VARCHAR(64),
    first_deferred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, object, direction, source_id)
);

-- A job's object mapping that passed the Salesforce preflight; a changed mapping is checked again.
CREATE TABLE preflight_pass (
    job_id               VARCHAR(64)   NOT NULL,
    object               VARCHAR(32)   NOT NULL,
    direction            VARCHAR(32)   NOT NULL,
    mapping_fingerprint  VARCHAR(64)   NOT NULL,
    checked_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_id, object, direction)
);
