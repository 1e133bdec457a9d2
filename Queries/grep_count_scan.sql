-- grep_count_scan: the messages `aclog grep -c` checks when only a scan finds them and the window
-- holds most of the records, in the table's row order: counting needs no time order, and reading
-- the table as it lies took 1.7 s over 10M records where walking the (container, ts) index took
-- 4.9 s (the unary + keeps SQLite off that index). :glob and :like as in grep_scan.sql.
SELECT c.service, r.message
FROM records AS r
JOIN containers AS c ON c.id = r.container
WHERE +r.container IN (SELECT value FROM json_each(:containers))
  AND +r.ts >= :since AND +r.ts < :until
  AND +r.level >= :min_level
  AND (:glob IS NULL OR r.message GLOB :glob)
  AND (:like IS NULL OR r.message LIKE :like ESCAPE '\');
