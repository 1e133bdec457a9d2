-- store/add_store_counter: ?2 added to the store's counter ?1 ('records_pruned', 'gaps_recorded', 'notifications_failed').
INSERT INTO store_counters (name, value) VALUES (?1, ?2)
ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
