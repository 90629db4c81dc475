-- When the company's current authorization was given: Intuit caps a chain of refresh tokens at five years
-- from it. NULL for connections made before LedgerBridge recorded it.
ALTER TABLE oauth_connection ADD COLUMN authorized_at TIMESTAMP WITH TIME ZONE;
-- Set when the provider refused the refresh token (invalid_grant): the tokens are dropped, and every call
-- for the account fails at once with this reason until an admin reconnects it.
ALTER TABLE oauth_connection ADD COLUMN reauthorization_reason VARCHAR(1000);
ALTER TABLE oauth_connection ADD COLUMN reauthorization_needed_since TIMESTAMP WITH TIME ZONE;

-- The last call that worked and the last that failed for a connection-level reason, per account. Kept
-- apart from the tokens so that a disconnected account still shows how it last fared.
CREATE TABLE connection_call (
    system                 VARCHAR(16)   NOT NULL,  -- QUICKBOOKS or SALESFORCE
    account_id             VARCHAR(64)   NOT NULL,
    last_success_at        TIMESTAMP WITH TIME ZONE,
    last_failure_at        TIMESTAMP WITH TIME ZONE,
    last_failure_type      VARCHAR(32),               -- a FailureType: AUTH, REMOTE_UNAVAILABLE or RATE_LIMIT
    last_failure_reason    VARCHAR(1000),
    PRIMARY KEY (system, account_id)
);
