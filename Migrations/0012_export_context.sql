-- What an export (aclog export) knows of the time before its window, so that its timeline judges
-- as the whole database did: each service's error signatures seen in the 7 days before the window
-- (when last: a new error is one not among them), and its errors in the 24 hours before (the usual
-- rate an error burst is measured against). Empty in a database a collector writes.
CREATE TABLE prior_signatures (
    service   TEXT    NOT NULL,
    signature TEXT    NOT NULL,
    last_ts   INTEGER NOT NULL,
    PRIMARY KEY (service, signature)
) WITHOUT ROWID;
CREATE TABLE prior_errors (
    service TEXT    PRIMARY KEY,
    errors  INTEGER NOT NULL,
    since   INTEGER NOT NULL,                  -- the span counted: [since, until)
    until   INTEGER NOT NULL
) WITHOUT ROWID;
