-- alert_counts_between: a service's records, errors and 5xx responses, from the per-minute counts,
-- for the usual counts of `rate` rules' baselines.
-- :service; :since :until ns (minute resolution)
SELECT coalesce(sum(rc.records), 0) AS records, coalesce(sum(rc.errors), 0) AS errors,
       coalesce(sum(rc.server_errors), 0) AS server_errors
FROM record_counts AS rc JOIN containers AS c ON c.id = rc.container
WHERE c.service = :service AND rc.minute >= :since AND rc.minute < :until;
