-- store/alert_counts_between: a service's records, errors and 5xx responses counted per minute in
-- [?2, ?3), for the baselines of `rate` rules and the windows of a starting collector.
SELECT coalesce(sum(rc.records), 0), coalesce(sum(rc.errors), 0), coalesce(sum(rc.server_errors), 0)
FROM record_counts AS rc JOIN containers AS c ON c.id = rc.container
WHERE c.service = ?1 AND rc.minute >= ?2 AND rc.minute < ?3;
