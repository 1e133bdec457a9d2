-- export/insert_prior_errors: a service's errors in the span before the export's window.
INSERT OR REPLACE INTO prior_errors (service, errors, since, until) VALUES (?, ?, ?, ?);
