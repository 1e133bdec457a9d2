-- deploys: the deploys of some containers' services (a container created from another image than
-- its service's previous one), newest first, with the old and new images.
-- :containers JSON array of container ids
SELECT e.ts, c.service, c.name, e.detail
FROM events AS e
JOIN containers AS c ON c.id = e.container
WHERE e.action = 'deploy'
  AND c.service IN (SELECT service FROM containers WHERE id IN (SELECT value FROM json_each(:containers)))
ORDER BY e.ts DESC, e.id DESC;
