-- store/alert_find: one alert by its key (rule, service, signature).
SELECT id, state, container, first_ts, last_ts, occurrences, notified_ts, unsent, unsent_records
FROM alerts WHERE rule = ?1 AND service = ?2 AND key = ?3;
