-- Monitoring and error management (issue 6). H2 (MODE=PostgreSQL) and PostgreSQL alike.

-- Per object of a run: conflicts held for a person, and the failure type when the object failed
-- as a whole (AUTH, RATE_LIMIT, REMOTE_UNAVAILABLE, ... after Temporal's retries were exhausted).
ALTER TABLE job_run_object ADD COLUMN conflict_count INT DEFAULT 0 NOT NULL;
ALTER TABLE job_run_object ADD COLUMN failure_type VARCHAR(64);

-- Open record errors of the run's company when the run finished: a rise between two runs of a
-- job is what the "errors rising" notification reports.
ALTER TABLE job_run ADD COLUMN open_errors INT;
CREATE INDEX ix_job_run_status ON job_run (status, started_at);
CREATE INDEX ix_job_run_company ON job_run (company_id, direction, finished_at);

-- API calls a run made, per remote system (QUICKBOOKS, SALESFORCE), counted by the worker's HTTP
-- client and added to as activity attempts make calls.
CREATE TABLE job_run_api_call (
    run_id          VARCHAR(64)   NOT NULL,
    system          VARCHAR(16)   NOT NULL,
    calls           BIGINT        NOT NULL,
    PRIMARY KEY (run_id, system)
);

-- The error list filters by status and sorts by recency; retries remember what they started.
CREATE INDEX ix_record_error_status ON record_error (status, last_seen_at);
CREATE INDEX ix_record_error_company ON record_error (company_id, object, direction, status);
ALTER TABLE record_error ADD COLUMN retry_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE record_error ADD COLUMN retry_workflow_id VARCHAR(200);
