-- Each company's share of a remote API's rate limits, held here so that every worker process (and
-- every activity and real-time sync in it) paces its calls against the same budget: Intuit counts
-- per company, not per process. A row per (company, budget) holds the time the next call's turn
-- starts, as epoch milliseconds; a call takes its turn by moving it on (compare-and-set), and a
-- throttled answer moves it past the wait the server asked for.
CREATE TABLE rate_budget (
    company_id  VARCHAR(64)  NOT NULL,
    budget      VARCHAR(32)  NOT NULL,
    next_turn   BIGINT       NOT NULL,
    PRIMARY KEY (company_id, budget)
);

-- QuickBooks creates now go in batches: a create cut off by a crash is sent again in the batch it
-- was first sent in (the same requestid and bId), so QuickBooks answers with the record it made.
-- Creates noted before this have neither and are sent again alone, under their own requestid.
ALTER TABLE create_in_flight ADD COLUMN request_id VARCHAR(36);
ALTER TABLE create_in_flight ADD COLUMN batch_item VARCHAR(10);
