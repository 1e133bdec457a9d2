-- store/add_response_totals: a batch's HTTP responses of one container and status class (?2: 5 for 5xx), added to their total.
INSERT INTO response_totals (container, class, responses) VALUES (?1, ?2, ?3)
ON CONFLICT (container, class) DO UPDATE SET responses = responses + excluded.responses;
