-- export/insert_prior_signature: an error signature the source had seen before the export's window.
INSERT OR REPLACE INTO prior_signatures (service, signature, last_ts) VALUES (?, ?, ?);
