-- Full-text search over record messages, and per-minute counts kept at ingest.

-- FTS5 index of records.message, external content (the text lives once, in records). The writer
-- inserts into it in the same transaction as the record (faster than triggers); retention deletes
-- from it with the 'delete' command. `aclog doctor` checks it against the table.
CREATE VIRTUAL TABLE records_fts USING fts5(
    message,
    content = 'records',
    content_rowid = 'id',
    tokenize = 'unicode61'
);
INSERT INTO records_fts(records_fts) VALUES ('rebuild');

-- Per container and minute: how many records, errors (error and fatal), HTTP requests (records
-- with an http.status) and 5xx responses. Error rates read this instead of scanning records.
CREATE TABLE record_counts (
    container INTEGER NOT NULL REFERENCES containers(id),
    minute    INTEGER NOT NULL,                 -- start of the minute, ns since the epoch
    records   INTEGER NOT NULL DEFAULT 0,
    errors    INTEGER NOT NULL DEFAULT 0,
    requests  INTEGER NOT NULL DEFAULT 0,
    server_errors INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (container, minute)
) WITHOUT ROWID;
INSERT INTO record_counts (container, minute, records, errors, requests, server_errors)
SELECT container, ts - (ts % 60000000000), count(*),
       sum(level >= 5),
       sum(json_extract(fields, '$."http.status"') IS NOT NULL),
       sum(coalesce(json_extract(fields, '$."http.status"') >= 500, 0))
FROM records GROUP BY 1, 2;

-- Error records by time, for signatures and `grep -p error`.
CREATE INDEX records_level_ts ON records(level, ts) WHERE level >= 5;
