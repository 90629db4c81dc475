-- Wrong passwords per email (lower case, known or not, so a refusal says nothing about who has an
-- account): after too many within a window, that email's sign-ins are refused for a while, on every
-- worker, across restarts. A successful sign-in deletes the row.
CREATE TABLE sign_in_failure (
    email            VARCHAR(254)     NOT NULL PRIMARY KEY,
    failures         INT              NOT NULL,
    first_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,  -- the window's start
    locked_until     TIMESTAMP WITH TIME ZONE             -- set once failures reach the limit
);
