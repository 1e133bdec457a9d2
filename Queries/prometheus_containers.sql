-- prometheus_containers: each running container as `/metrics` shows it: its labels, its newest
-- sample (memory, its limit when it has one, PIDs), its CPU limit (percent of one core), its running
-- totals, and when it last started (its newest start event, else when it was created or first seen).
SELECT c.name, c.service, c.project, coalesce(c.image_name, nullif(c.image, '')) AS image, c.cpu_limit,
       s.mem, s.mem_limit, s.pids,
       k.cpu_seconds, k.net_rx_bytes, k.net_tx_bytes, k.block_read_bytes, k.block_write_bytes, k.oom_events, k.restarts,
       coalesce((SELECT max(e.ts) FROM events AS e WHERE e.container = c.id AND e.action = 'start'), c.created, c.first_seen) AS started
FROM containers AS c
LEFT JOIN container_counters AS k ON k.container = c.id
LEFT JOIN samples AS s ON s.container = c.id AND s.ts = (SELECT max(ts) FROM samples WHERE container = c.id)
WHERE c.state = 'running'
ORDER BY c.name;
