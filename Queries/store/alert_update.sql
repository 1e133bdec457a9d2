-- store/alert_update: an alert's state after what the latest batch or tick did to it.
UPDATE alerts SET state = ?2, container = ?3, first_ts = ?4, last_ts = ?5, occurrences = ?6, notified_ts = ?7,
    unsent = ?8, unsent_records = ?9
WHERE id = ?1;
