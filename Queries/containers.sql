-- containers: what aclog knows of each container, for `aclog ps`: records, restarts, OOM kills, the last exit code and health,
-- and the last deploy of its service (a container of it created from another image).
-- A restart is a start that follows a die of the same container.
SELECT c.service, c.name, c.docker_id, c.image, c.state, c.first_ts, c.last_ts, c.record_count,
       (SELECT count(*) FROM events AS s
         WHERE s.container = c.id AND s.action = 'start'
           AND EXISTS (SELECT 1 FROM events AS d
                        WHERE d.container = c.id AND d.action = 'die' AND d.ts < s.ts)) AS restarts,
       (SELECT count(*) FROM events AS o WHERE o.container = c.id AND o.action = 'oom') AS oom_kills,
       (SELECT d.exit_code FROM events AS d WHERE d.container = c.id AND d.action = 'die'
         ORDER BY d.ts DESC LIMIT 1) AS last_exit_code,
       (SELECT h.detail FROM events AS h WHERE h.container = c.id AND h.action = 'health_status'
         ORDER BY h.ts DESC LIMIT 1) AS health,
       (SELECT max(e.ts) FROM events AS e JOIN containers AS x ON x.id = e.container
         WHERE x.service = c.service AND x.project IS c.project AND e.action = 'deploy') AS last_deploy
FROM containers AS c
ORDER BY c.service, c.first_seen, c.name;
