-- store/drop_stale_record_containers: rows that reach the first id of a new commit told of records
-- deleted since (new ids are above every stored one, so those ids were given again). Rows do not
-- overlap: only the last one before ?1 can reach into it.
DELETE FROM record_containers
WHERE first_id >= ?1
   OR (first_id = (SELECT max(first_id) FROM record_containers WHERE first_id < ?1) AND last_id >= ?1);
