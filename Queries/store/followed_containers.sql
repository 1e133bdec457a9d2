-- store/followed_containers: containers last known running (a follower was reading them), with the time of the newest line read of them (NULL: none).
SELECT c.id, c.docker_id, c.name, (SELECT max(k.ts) FROM checkpoints AS k WHERE k.container = c.id)
FROM containers AS c
WHERE c.state IN ('running', 'restarting', 'paused');
