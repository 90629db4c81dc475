-- Creates in QuickBooks from Salesforce records, noted before each is sent and forgotten once its
-- link is saved. A record the opposite direction meets without a link may be one of these, whose
-- link a crash or a database outage kept from being saved: that direction finishes them first
-- (their requestid makes QuickBooks answer with the record it made), instead of copying the new
-- QuickBooks record back to Salesforce as a second record.
CREATE TABLE create_in_flight (
    company_id  VARCHAR(64)   NOT NULL,
    object      VARCHAR(32)   NOT NULL,
    direction   VARCHAR(32)   NOT NULL,
    source_id   VARCHAR(64)   NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, object, direction, source_id)
);
