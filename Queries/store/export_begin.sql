-- store/export_begin: an endpoint's cursor, made at 0 (every stored record still to send) the first time. ?1 endpoint, ?2 now.
INSERT INTO export_cursors (endpoint, started) VALUES (?1, ?2) ON CONFLICT (endpoint) DO NOTHING;
