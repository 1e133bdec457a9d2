-- error_rate: per service and time bucket: records, errors (error and fatal), HTTP requests and 5xx responses.
-- Read from the per-minute counts kept at ingest, so it costs the same whatever the volume.
-- :containers JSON array of container ids; :since :until ns (minute resolution); :bucket ns
SELECT c.service,
       n.minute - ((n.minute % :bucket) + :bucket) % :bucket AS bucket,
       sum(n.records) AS records, sum(n.errors) AS errors,
       sum(n.requests) AS requests, sum(n.server_errors) AS server_errors
FROM record_counts AS n
JOIN containers AS c ON c.id = n.container
WHERE n.container IN (SELECT value FROM json_each(:containers))
  AND n.minute >= :since AND n.minute < :until
GROUP BY 1, 2
ORDER BY 1, 2;
