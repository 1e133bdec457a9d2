-- window_size: how many records a time range holds, from the per-minute counts (cheap at any size).
-- :containers JSON array of container ids; :since :until ns
SELECT coalesce(sum(records), 0) FROM record_counts
WHERE container IN (SELECT value FROM json_each(:containers))
  AND minute >= :since - 60000000000 AND minute < :until;
