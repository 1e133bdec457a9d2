-- prometheus_responses: HTTP responses logged, per service and status class (2 for 2xx, ... 5 for 5xx).
SELECT c.service, t.class, sum(t.responses)
FROM response_totals AS t JOIN containers AS c ON c.id = t.container
GROUP BY c.service, t.class
ORDER BY c.service, t.class;
