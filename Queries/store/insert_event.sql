-- store/insert_event: a container event; one seen again (after a restart of the collector) is ignored.
INSERT OR IGNORE INTO events (ts, container, action, exit_code, detail) VALUES (?, ?, ?, ?, ?);
