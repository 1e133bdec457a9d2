-- store/add_container_totals: a batch's records added to their container's count and time span.
-- ?1 records, ?2 the oldest time, ?3 the newest, ?4 the container's row.
UPDATE containers SET record_count = record_count + ?1,
    first_ts = min(coalesce(first_ts, ?2), ?2), last_ts = max(coalesce(last_ts, ?3), ?3)
WHERE id = ?4;
