-- store/insert_record: one record.
INSERT INTO records (ts, container, stream, level, message, raw, format, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?);
