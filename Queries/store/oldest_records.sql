-- store/oldest_records: a container's oldest records before a time, from the (container, ts) index alone.
SELECT ts, id FROM records WHERE container = ? AND ts < ? ORDER BY ts LIMIT ?;
