-- record_span_ends: the lowest and highest record ids, and the lowest and highest ids the spans
-- cover. Records outside the spans (written by another program) are read as a span of unknown times.
SELECT (SELECT min(id) FROM records), (SELECT max(id) FROM records),
       (SELECT min(first_id) FROM record_spans), (SELECT max(last_id) FROM record_spans);
