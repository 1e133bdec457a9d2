-- coverage_gaps: spans in a window where records may be missing, and why (collector not running, a container gone before it was read, ...).
-- :containers JSON array of container ids; gaps of other containers are left out, gaps of every container (NULL) are kept.
-- :since :until ns since the epoch, UTC. service is NULL for gaps that concern every container.
SELECT g.start_ts, g.end_ts, g.reason, c.service, c.name
FROM gaps AS g
LEFT JOIN containers AS c ON c.id = g.container
WHERE g.end_ts > :since AND g.start_ts < :until
  AND (g.container IS NULL OR g.container IN (SELECT value FROM json_each(:containers)))
ORDER BY g.start_ts;
