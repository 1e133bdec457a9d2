-- grep_count_scan: the container of each record that matches a pattern (`aclog grep -c`) over a
-- range of ids in the table's row order: counting needs no time order, and reading the table as
-- it lies took 1.7 s over 10M records where walking records_container_ts took 4.9 s (the unary +
-- keeps SQLite off that index). aclog counts them: a GROUP BY here sorted every match first, which
-- took 2.2 s against 1.45 s for one count of the 5.1M records holding "info" (the sqlite3 CLI).
-- :containers NULL: all of them. aclog_match as in grep_scan.sql.
SELECT r.container
FROM records AS r
WHERE r.id BETWEEN :first AND :last
  -- First: SQLite tries the terms in order, and the others cost a quarter of the scan again when
  -- they come before it (1.83 s against 1.35 s over 10M records for a word found once).
  AND aclog_match(r.message, :pattern, :mode, :flags)
  AND (:containers IS NULL OR +r.container IN (SELECT value FROM json_each(:containers)))
  AND +r.ts >= :since AND +r.ts < :until
  AND +r.level >= :min_level;
