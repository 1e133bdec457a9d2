-- store/insert_span: a new span for a committed batch. ?1 ?2 its first and last id, ?3 ?4 its
-- earliest and latest time, ?5 its records.
INSERT INTO record_spans (first_id, last_id, min_ts, max_ts, records) VALUES (?1, ?2, ?3, ?4, ?5);
