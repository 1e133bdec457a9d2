-- Where records lie in the table by time. A span is a run of consecutive record ids with the
-- earliest and latest time among them; every record id lies in one span. A search over most of a
-- window reads the table in row order, holds the matches a span leaves out of order, and lets a
-- match go once no later span can hold an earlier one (LogSearch's row-order plan): 1.7 s over
-- 10M records where walking records_container_ts took 4.9 s. The writer adds each committed
-- batch to the last span, up to about 16,384 records a span (CollectorStore.noteSpan).
CREATE TABLE record_spans (
    first_id INTEGER PRIMARY KEY,   -- the first id of the span
    last_id  INTEGER NOT NULL,      -- its last id, inclusive
    min_ts   INTEGER NOT NULL,      -- no record of the span is older, ns
    max_ts   INTEGER NOT NULL,      -- none is newer, ns
    records  INTEGER NOT NULL       -- how many records it was given (retention may since have deleted some)
);

INSERT INTO record_spans (first_id, last_id, min_ts, max_ts, records)
SELECT min(id), max(id), min(ts), max(ts), count(*) FROM records GROUP BY id / 16384;
