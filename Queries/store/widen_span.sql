-- store/widen_span: a committed batch's ids and times added to a span.
-- ?1 first_id of the span  ?2 the batch's last id  ?3 ?4 its earliest and latest time  ?5 its records
UPDATE record_spans
SET last_id = max(last_id, ?2), min_ts = min(min_ts, ?3), max_ts = max(max_ts, ?4), records = records + ?5
WHERE first_id = ?1;
