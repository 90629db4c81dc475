-- One row per (company, object, direction) being synced: the overlap guard between job runs.
CREATE TABLE object_lock (
    company_id      VARCHAR(64)   NOT NULL,
    object          VARCHAR(32)   NOT NULL,
    direction       VARCHAR(32)   NOT NULL,
    run_id          VARCHAR(64)   NOT NULL,
    workflow_id     VARCHAR(200)  NOT NULL,
    acquired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_id, object, direction)
);
CREATE INDEX ix_object_lock_workflow ON object_lock (workflow_id);
