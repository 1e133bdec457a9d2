-- store/export_missed: records retention deleted (ids in the JSON array ?1) that an endpoint had not been sent are counted as missed.
UPDATE export_cursors SET missed = missed + (SELECT count(*) FROM json_each(?1) WHERE value > export_cursors.last_id);
