-- grep_printed_lines: the lines as printed (`aclog grep -o raw`) of the records of a range of ids
-- that match a pattern, in row order, handed to aclog in one step: aclog_print_matches
-- (PrintedMatchesFunction) checks each row the other terms let through against the pattern, and
-- appends the line of a match, with its id and time, to the span that :sink points to. Its value
-- is the number of lines. :containers NULL: all of them.
SELECT aclog_print_matches(:sink, r.id, r.ts, r.message, r.raw, :pattern, :mode, :flags)
FROM records AS r
WHERE r.id BETWEEN :first AND :last
  AND (:containers IS NULL OR +r.container IN (SELECT value FROM json_each(:containers)))
  AND +r.ts >= :since AND +r.ts < :until
  AND +r.level >= :min_level;
