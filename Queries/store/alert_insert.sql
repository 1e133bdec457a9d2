-- store/alert_insert: a new alert key, firing from its first occurrence.
INSERT INTO alerts (rule, service, key, state, first_ts, last_ts) VALUES (?1, ?2, ?3, 'firing', ?4, ?4);
