-- prometheus_restarts: restarts (a start after a die) and OOM kills per service, every container of it summed, gone ones too.
SELECT c.service, sum(k.restarts), sum(k.oom_events)
FROM container_counters AS k JOIN containers AS c ON c.id = k.container
GROUP BY c.service
ORDER BY c.service;
