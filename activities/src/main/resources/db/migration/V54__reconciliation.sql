-- A company's reconciliations: its records compared object by object in QuickBooks, Salesforce and
-- the record links. The id is the Temporal workflow run's. The findings (per object: counts per
-- class, example ids, differing fields) are JSON, read whole by the API and never queried inside;
-- they are bounded (a few examples per class), so a VARCHAR holds them on H2 and PostgreSQL alike.
CREATE TABLE reconciliation (
    id              VARCHAR(64)      NOT NULL PRIMARY KEY,
    company_id      VARCHAR(64)      NOT NULL,
    workflow_id     VARCHAR(200)     NOT NULL,
    scheduled       BOOLEAN          NOT NULL,
    repair          BOOLEAN          NOT NULL,
    objects         VARCHAR(200)     NOT NULL,  -- as asked for, comma-separated; empty for every object
    status          VARCHAR(16)      NOT NULL,
    differences     INT              NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    findings_json   VARCHAR(1000000),
    error           VARCHAR(1000)
);
CREATE INDEX ix_reconciliation_company ON reconciliation (company_id, started_at);
