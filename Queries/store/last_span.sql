-- store/last_span: the span new records join while it has room.
SELECT first_id, last_id, records FROM record_spans ORDER BY first_id DESC LIMIT 1;
