-- services_of: the services of some containers (:containers, a JSON array of their rows), in order.
SELECT DISTINCT service FROM containers WHERE id IN (SELECT value FROM json_each(:containers)) ORDER BY service;
