-- prometheus_store: the store's own counters ('records_pruned', 'gaps_recorded', 'notifications_failed').
SELECT name, value FROM store_counters ORDER BY name;
