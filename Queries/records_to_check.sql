-- records_to_check: the container and message of the records whose ids are in :ids (a JSON array);
-- `aclog grep -c` reads the few its index count cannot be sure of (record_containers' flag).
SELECT container, message FROM records WHERE id IN (SELECT value FROM json_each(:ids));
