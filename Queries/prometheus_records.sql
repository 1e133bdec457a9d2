-- prometheus_records: records stored since the database began counting (0013), per service, stream (1 stdout, 2 stderr) and level (0 unknown .. 6 fatal).
SELECT c.service, t.stream, t.level, sum(t.records)
FROM record_totals AS t JOIN containers AS c ON c.id = t.container
GROUP BY c.service, t.stream, t.level
ORDER BY c.service, t.stream, t.level;
