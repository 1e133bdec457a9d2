-- containers: what aclog knows of each container, for `aclog ps`.
-- A restart is a start that follows a die of the same container.
SELECT c.service, c.name, c.docker_id, c.image, c.state, c.first_ts, c.last_ts, c.record_count,
       (SELECT count(*) FROM events AS s
         WHERE s.container = c.id AND s.action = 'start'
           AND EXISTS (SELECT 1 FROM events AS d
                        WHERE d.container = c.id AND d.action = 'die' AND d.ts < s.ts)) AS restarts
FROM containers AS c
ORDER BY c.service, c.first_seen, c.name;
