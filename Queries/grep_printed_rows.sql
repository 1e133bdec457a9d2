-- grep_printed_rows: the lines as printed (`aclog grep -o raw`) of the records of a range of ids
-- that match a pattern, with their ids and times, in row order. The terms are grep_rows.sql's.
SELECT r.id, r.ts, coalesce(r.raw, r.message)
FROM records AS r
WHERE r.id BETWEEN :first AND :last
  AND aclog_match(r.message, :pattern, :mode, :flags)
  AND (:containers IS NULL OR +r.container IN (SELECT value FROM json_each(:containers)))
  AND +r.ts >= :since AND +r.ts < :until
  AND +r.level >= :min_level
ORDER BY r.id;
