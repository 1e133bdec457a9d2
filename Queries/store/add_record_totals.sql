-- store/add_record_totals: a batch's records of one container, stream and level, added to their total.
INSERT INTO record_totals (container, stream, level, records) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (container, stream, level) DO UPDATE SET records = records + excluded.records;
