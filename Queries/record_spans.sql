-- record_spans: the spans of record ids (migration 15) that may hold records of a time range, in
-- row order. :since :until ns
SELECT first_id, last_id, min_ts, max_ts, records FROM record_spans
WHERE max_ts >= :since AND min_ts < :until
ORDER BY first_id;
