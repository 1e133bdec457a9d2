-- store/insert_record_containers: the containers of the ids a commit stored (migration 16).
INSERT INTO record_containers (first_id, last_id, runs) VALUES (?1, ?2, ?3);
