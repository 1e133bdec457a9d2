-- store/set_container_state: what the collector learned of a container without an event (e.g. removed while it was away).
UPDATE containers SET state = ? WHERE id = ?;
