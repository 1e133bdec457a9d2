-- metrics_1m: per container and minute, min/avg/p95/max of each metric (kept 90 days by default).
-- Every tier has the same columns: per metric its min, avg, p95 and max over the span starting at ts,
-- then the container's CPU limit (percent of one core, NULL: none) and its name.
-- A p95 equal to the max is stored as NULL (it always is over a minute of 10 s samples).
-- :containers  JSON array of container ids; :since :until  ns since the epoch, UTC (:until exclusive)
SELECT s.container, c.service, s.ts, s.samples, s.mem_limit,
       s.cpu_min, s.cpu_avg, coalesce(s.cpu_p95, s.cpu_max) AS cpu_p95, s.cpu_max,
       s.mem_min, s.mem_avg, coalesce(s.mem_p95, s.mem_max) AS mem_p95, s.mem_max,
       s.net_rx_min, s.net_rx_avg, coalesce(s.net_rx_p95, s.net_rx_max) AS net_rx_p95, s.net_rx_max,
       s.net_tx_min, s.net_tx_avg, coalesce(s.net_tx_p95, s.net_tx_max) AS net_tx_p95, s.net_tx_max,
       s.block_read_min, s.block_read_avg, coalesce(s.block_read_p95, s.block_read_max) AS block_read_p95, s.block_read_max,
       s.block_write_min, s.block_write_avg, coalesce(s.block_write_p95, s.block_write_max) AS block_write_p95, s.block_write_max,
       s.pids_min, s.pids_avg, coalesce(s.pids_p95, s.pids_max) AS pids_p95, s.pids_max,
       c.cpu_limit, c.name
FROM samples_1m AS s
JOIN containers AS c ON c.id = s.container
WHERE s.container IN (SELECT value FROM json_each(:containers))
  AND s.ts >= :since AND s.ts < :until
ORDER BY s.container, s.ts;
