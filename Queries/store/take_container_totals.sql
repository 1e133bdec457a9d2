-- store/take_container_totals: records deleted by retention taken off their container's count; its oldest time read again.
-- ?1 records, ?2 the container's row.
UPDATE containers SET record_count = record_count - ?1,
    first_ts = (SELECT min(ts) FROM records WHERE container = ?2)
WHERE id = ?2;
