-- store/add_counts: a record's minute counted at ingest (records, errors, requests, 5xx), added to its row.
INSERT INTO record_counts (container, minute, records, errors, requests, server_errors) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (container, minute) DO UPDATE SET
    records = records + excluded.records, errors = errors + excluded.errors,
    requests = requests + excluded.requests, server_errors = server_errors + excluded.server_errors;
