-- metrics_raw: raw resource samples (one per container per sampling interval, default 10 s), shaped like the rollup tiers.
-- Every tier has the same columns: per metric its min, avg, p95 and max over the span starting at ts,
-- then the container's CPU limit (percent of one core, NULL: none) and its name.
-- :containers  JSON array of container ids; :since :until  ns since the epoch, UTC (:until exclusive)
SELECT s.container, c.service, s.ts, 1 AS samples, s.mem_limit,
       s.cpu AS cpu_min, s.cpu AS cpu_avg, s.cpu AS cpu_p95, s.cpu AS cpu_max,
       s.mem AS mem_min, s.mem AS mem_avg, s.mem AS mem_p95, s.mem AS mem_max,
       s.net_rx AS net_rx_min, s.net_rx AS net_rx_avg, s.net_rx AS net_rx_p95, s.net_rx AS net_rx_max,
       s.net_tx AS net_tx_min, s.net_tx AS net_tx_avg, s.net_tx AS net_tx_p95, s.net_tx AS net_tx_max,
       s.block_read AS block_read_min, s.block_read AS block_read_avg, s.block_read AS block_read_p95, s.block_read AS block_read_max,
       s.block_write AS block_write_min, s.block_write AS block_write_avg, s.block_write AS block_write_p95, s.block_write AS block_write_max,
       s.pids AS pids_min, s.pids AS pids_avg, s.pids AS pids_p95, s.pids AS pids_max,
       c.cpu_limit, c.name
FROM samples AS s
JOIN containers AS c ON c.id = s.container
WHERE s.container IN (SELECT value FROM json_each(:containers))
  AND s.ts >= :since AND s.ts < :until
ORDER BY s.container, s.ts;
