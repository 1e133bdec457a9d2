-- doctor_counts: the records, and the records the per-minute counts hold; aclog doctor expects them equal.
SELECT (SELECT count(*) FROM records), (SELECT coalesce(sum(records), 0) FROM record_counts);
