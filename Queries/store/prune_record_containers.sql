-- store/prune_record_containers: the rows whose ids retention has deleted every record of (all of
-- them once the table is empty).
DELETE FROM record_containers WHERE last_id < coalesce((SELECT min(id) FROM records), 9223372036854775807);
